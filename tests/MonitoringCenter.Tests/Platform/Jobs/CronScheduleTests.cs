using MonitoringCenter.Web.Platform.Jobs;


namespace MonitoringCenter.Tests.Platform.Jobs;

[Trait("Category", "Unit")]
public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("00:00:01", "*/1 * * * * *")]
    [InlineData("00:00:30", "*/30 * * * * *")]
    [InlineData("00:01:00", "0 */1 * * * *")]
    [InlineData("00:15:00", "0 */15 * * * *")]
    [InlineData("02:00:00", "0 0 */2 * * *")]
    [InlineData("1.00:00:00", "0 0 0 * * *")]
    public void Every_IntervalThatDividesItsUnit_IsAClockAlignedCron(string interval, string expected)
    {
        var cron = CronSchedule.Every(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, cron);
        Assert.True(CronSchedule.IsValid(cron));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:07")]
    [InlineData("00:00:01.500")]
    [InlineData("00:07:00")]
    [InlineData("05:00:00")]
    [InlineData("2.00:00:00")]
    public void Every_IntervalCronCannotSay_IsNull(string interval) =>
        Assert.Null(CronSchedule.Every(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("30 2 * * *", true)]
    [InlineData("0 30 2 * * *", true)]
    [InlineData("@daily", true)]
    [InlineData("0 30 2 * * ?", true)]
    [InlineData("0 30 2 * * ? *", false)] // Quartz's seventh field (year)
    [InlineData("61 * * * *", false)]
    [InlineData("", false)]
    public void IsValid_FollowsHangfiresRules(string expression, bool valid) => Assert.Equal(valid, CronSchedule.IsValid(expression));
}

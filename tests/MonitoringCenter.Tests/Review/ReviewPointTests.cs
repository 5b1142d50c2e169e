using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Review;

namespace MonitoringCenter.Tests.Review;

/// <summary>The point a meeting reviews, as a leader picks it and as the address carries it.</summary>
[Trait("Category", "Unit")]
public sealed class ReviewPointTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData(6, "2025-03-31")]
    [InlineData(10, "2025-07-31")]
    [InlineData(12, "2025-09-30")]
    [InlineData(5, "2025-02-28")]
    public void MonthsOfTheYear_EndOnTheMinistrysMonthEnds(int months, string end)
    {
        var point = ReviewPoint.MonthEnd(new StatisticalYear(2025), months);

        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), point.AsOf);
        Assert.Equal(months, point.Months);
        Assert.Equal($"{months} tháng năm thống kê 2025", point.Label);
    }

    [Fact]
    public void AnyDay_IsAPointToo_ComparedWithThePreviousMonthEnd()
    {
        Assert.True(ReviewPoint.TryRead("2025", "2025-08-15", Today, 10, out var point, out var problem), problem);

        Assert.Null(point.Months);
        Assert.Equal("đến ngày 15/08/2025 (năm thống kê 2025)", point.Label);
        Assert.Equal(new DateOnly(2025, 7, 31), point.PreviousMonthEnd!.AsOf);
        Assert.Equal("year=2025&point=2025-08-15", point.Query);
        Assert.Null(ReviewPoint.MonthEnd(new StatisticalYear(2025), 1).PreviousMonthEnd);
    }

    [Fact]
    public void NoPoint_IsTheLatestMonthEndOfTheYear()
    {
        Assert.True(ReviewPoint.TryRead(null, null, Today, 10, out var current, out _));
        Assert.Equal(new DateOnly(2026, 10, 31), current.AsOf);
        Assert.True(ReviewPoint.TryRead("2025", null, Today, 10, out var closed, out _));
        Assert.Equal(12, closed.Months);
    }

    [Theory]
    [InlineData("2025", "13", "Kỳ \"13\" không hợp lệ")]
    [InlineData("2025", "2026-01-01", "một ngày của năm thống kê 2025")]
    [InlineData("1999", "12", "Năm thống kê \"1999\" không hợp lệ")]
    [InlineData("2030", "12", "Năm thống kê \"2030\" không hợp lệ")]
    [InlineData("2025", "30-09-2025", "dạng yyyy-MM-dd")]
    public void BadPoints_SayWhatIsWrong(string year, string point, string message)
    {
        Assert.False(ReviewPoint.TryRead(year, point, Today, 10, out _, out var problem));
        Assert.Contains(message, problem, StringComparison.Ordinal);
    }
}

using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Watch;

[Trait("Category", "Unit")]
public sealed class WatchAlertRulesTests
{
    [Fact]
    public void OldCasesRising_CountsTheConsecutiveRisingWeeksEndingToday()
    {
        // Newest first: rose 3 weeks in a row, before that it fell.
        var o = AlertRules.OldCasesRisingFor("79", [130, 120, 110, 100, 105], 1m, new AlertOptions())!;

        Assert.Equal(3m, o.Value);
        Assert.False(o.Breached);
        Assert.True(AlertRules.OldCasesRisingFor("79", [140, 130, 120, 110, 100], 1m, new AlertOptions())!.Breached);
    }

    [Fact]
    public void OldCasesRising_AWeekUnderTheMinimumRise_EndsTheStreak_AndAFlatWeekClears()
    {
        Assert.Equal(1m, AlertRules.OldCasesRisingFor("79", [1020, 1000, 995, 990, 985], 1m, new AlertOptions())!.Value);
        var flat = AlertRules.OldCasesRisingFor("79", [100, 100, 90, 80, 70], 1m, new AlertOptions())!;
        Assert.Equal(0m, flat.Value);
        Assert.True(flat.Cleared);
    }

    [Fact]
    public void HighValueUntouched_MessageIsAggregate_AndZeroClears()
    {
        var o = AlertRules.Untouched("79", 956, 123_000_000_000_000, 60, new AlertOptions())!;

        Assert.Equal(AlertSeverity.Critical, o.Severity);
        Assert.Equal("956 vụ việc giá trị lớn (123.000 tỷ đồng) quá 60 ngày không có hoạt động", o.Message);
        Assert.True(AlertRules.Untouched("79", 0, 0, 60, new AlertOptions())!.Cleared);
        Assert.Contains(AlertRules.OldCasesRising, AlertRules.All);
        Assert.Contains(AlertRules.HighValueUntouched, AlertRules.All);
    }
}

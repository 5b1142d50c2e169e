using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>The interruption is read off the ticker's rows; these pin down which alert interrupts.</summary>
[Trait("Category", "Unit")]
public sealed class AlertInterruptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static AlertView Alert(AlertSeverity severity, AlertState state, DateTimeOffset? fired) =>
        new(1, "behind-pace-cases", "79", "Thành phố Hồ Chí Minh", severity, state, "Chậm", 3, 2, Now.AddHours(-1), fired,
            null, null, null, null, null, null, Now);

    private static AlertInterruptionModel Interruption(params AlertView[] tickerRows) =>
        AlertQueries.Interruption(new AlertTickerModel(tickerRows, tickerRows.Length, Now), new AlertOptions().Interruption.ShowFor);

    [Fact]
    public void CriticalFiringJustNow_Interrupts()
    {
        var alert = Alert(AlertSeverity.Critical, AlertState.Firing, Now.AddMinutes(-2));
        Assert.Same(alert, Interruption(alert, Alert(AlertSeverity.Warning, AlertState.Firing, Now)).Alert);
    }

    [Theory]
    [InlineData(AlertSeverity.Warning, AlertState.Firing, 2)]
    [InlineData(AlertSeverity.Critical, AlertState.Acknowledged, 2)]
    [InlineData(AlertSeverity.Critical, AlertState.Firing, 60)]
    public void WarningAcknowledgedOrOld_DoesNotInterrupt(AlertSeverity severity, AlertState state, int minutesAgo)
    {
        Assert.Null(Interruption(Alert(severity, state, Now.AddMinutes(-minutesAgo))).Alert);
    }

    [Fact]
    public void NoActiveAlert_DoesNotInterrupt() => Assert.Null(Interruption().Alert);
}

using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.Alerts;

[Trait("Category", "Unit")]
public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(7));

    private static UnitProgress Province(string code, decimal caseRate, decimal expected, DateTimeOffset? lastData = null)
    {
        var cases = new PaceResult(caseRate, 0.85m, expected, 5, 0.85m, 0, 0, null, 200, PaceModel.Linear);
        var money = new PaceResult(0.30m, 0.55m, 0.30m, 0, 0.55m, 0, 0, null, 200, PaceModel.Linear);
        return new UnitProgress(code, code, Indicators.Zero, null, cases, money, PaceStatus.OnPace, 1, null, [], [], lastData ?? Now, false);
    }

    private static List<Observation> Evaluate(AlertOptions options, params UnitProgress[] provinces) =>
        [.. AlertRules.Evaluate(new RuleInputs(Now, 150, provinces, null), options)];

    [Fact]
    public void BehindPaceByTheThreshold_IsBreached_WithTheSeverityOfItsSize()
    {
        var options = new AlertOptions();   // warning at 1.5 points, critical at 4
        var result = Evaluate(options, Province("01", 0.40m, 0.42m), Province("79", 0.40m, 0.45m));

        var hanoi = Assert.Single(result, o => o.Rule == AlertRules.BehindPaceCases && o.Subject == "01");
        var hcmc = Assert.Single(result, o => o.Rule == AlertRules.BehindPaceCases && o.Subject == "79");
        Assert.True(hanoi.Breached);
        Assert.Equal(AlertSeverity.Warning, hanoi.Severity);
        Assert.Contains("chậm 2,00 điểm %", hanoi.Message, StringComparison.Ordinal);
        Assert.Equal(AlertSeverity.Critical, hcmc.Severity);
    }

    [Fact]
    public void OnPace_IsNotBreached()
    {
        var result = Evaluate(new AlertOptions(), Province("01", 0.42m, 0.42m));

        Assert.DoesNotContain(result, o => o.Breached);
    }

    [Fact]
    public void InsideTheHysteresisBand_IsNeitherBreachedNorCleared()
    {
        var result = Evaluate(new AlertOptions(), Province("01", 0.4064m, 0.42m)); // 1.36 points: below 1.5, above 1.2

        var o = Assert.Single(result, o => o.Rule == AlertRules.BehindPaceCases);
        Assert.False(o.Breached);
        Assert.False(o.Cleared);
    }

    [Fact]
    public void EarlyInTheYear_RateRulesStayQuiet_ButNoDataStillCounts()
    {
        var options = new AlertOptions { GraceDays = 14 };
        var result = AlertRules.Evaluate(new RuleInputs(Now, 5, [Province("01", 0.0m, 0.05m, lastData: Now.AddHours(-30))], null), options);

        var o = Assert.Single(result);
        Assert.Equal(AlertRules.NoData, o.Rule);
        Assert.True(o.Breached);
        Assert.Contains("Chưa có số liệu từ", o.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefreshFailingAndLate_AreSystemObservations()
    {
        var health = new RefreshHealth(Now.AddMinutes(-20), 3, "connection refused");
        var result = AlertRules.Evaluate(new RuleInputs(Now, 150, [], health), new AlertOptions());

        Assert.Equal(AlertSeverity.Critical, Assert.Single(result, o => o.Rule == AlertRules.RefreshLate).Severity);
        var failing = Assert.Single(result, o => o.Rule == AlertRules.RefreshFailing);
        Assert.Equal("", failing.Subject);
        Assert.True(failing.Breached);
        Assert.Contains("connection refused", failing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisabledRule_ObservesNothing()
    {
        var options = new AlertOptions { BehindPace = new ThresholdRule { Enabled = false, Warning = 1, Critical = 2 } };

        Assert.DoesNotContain(Evaluate(options, Province("01", 0.30m, 0.42m)), o => o.Rule == AlertRules.BehindPaceCases);
    }
}

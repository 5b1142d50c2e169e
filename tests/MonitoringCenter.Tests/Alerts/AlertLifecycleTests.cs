using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Alerts;

[Trait("Category", "Unit")]
public sealed class AlertLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Clear = TimeSpan.FromMinutes(10);
    private static readonly ThresholdRule Rule = new() { Warning = 1.5m, Critical = 4m, Hysteresis = 0.3m };

    private static Observation Measure(decimal points) => AlertRules.Measure("behind-pace-cases", "01", points, Rule, v => $"{v}")!;

    /// <summary>Runs the lifecycle over a series of measurements one minute apart, applying each decision as the evaluator does.</summary>
    private static (List<AlertDecision> Decisions, OpenAlert? Alert, int Opened) Run(IEnumerable<decimal?> values)
    {
        OpenAlert? alert = null;
        var opened = 0;
        var decisions = new List<AlertDecision>();
        var now = Start;
        foreach (var value in values)
        {
            var observation = value is { } v ? Measure(v) : null;
            var decision = AlertLifecycle.Decide(alert, observation, now, Hold, Clear);
            decisions.Add(decision);
            alert = decision.Kind switch
            {
                DecisionKind.Open => new OpenAlert(++opened, "behind-pace-cases", "01", decision.State!.Value, observation!.Severity, now, null),
                DecisionKind.Fire => alert! with { State = AlertState.Firing, ClearSince = null },
                DecisionKind.Track => alert! with { ClearSince = decision.ClearSince },
                DecisionKind.Resolve => null,
                _ => alert,
            };
            now = now.AddMinutes(1);
        }
        return (decisions, alert, opened);
    }

    [Fact]
    public void Breach_OpensPending_ThenFiresOnceItHasHeldForTheHoldTime()
    {
        var (decisions, alert, _) = Run(Enumerable.Repeat<decimal?>(2m, 12));

        Assert.Equal(DecisionKind.Open, decisions[0].Kind);
        Assert.Equal(AlertState.Pending, decisions[0].State);
        Assert.All(decisions.Skip(1).Take(9), d => Assert.Equal(DecisionKind.Track, d.Kind));
        Assert.Equal(DecisionKind.Fire, decisions[10].Kind);
        Assert.Equal(AlertState.Firing, alert!.State);
    }

    [Fact]
    public void NoBreach_OpensNothing()
    {
        var (decisions, alert, _) = Run([0.5m, 1.0m, 1.49m, null]);

        Assert.All(decisions, d => Assert.Equal(DecisionKind.None, d.Kind));
        Assert.Null(alert);
    }

    [Fact]
    public void HoveringAtTheThreshold_NeitherFlapsNorDuplicates()
    {
        // Fires, then wobbles across the 1.5 threshold but stays above 1.2 (threshold minus hysteresis).
        var values = Enumerable.Repeat<decimal?>(1.6m, 11).Concat(Enumerable.Range(0, 40).Select(i => (decimal?)(i % 2 == 0 ? 1.45m : 1.55m)));
        var (decisions, alert, opened) = Run(values);

        Assert.Equal(1, opened);
        Assert.Equal(AlertState.Firing, alert!.State);
        Assert.DoesNotContain(decisions.Skip(11), d => d.Kind is DecisionKind.Resolve or DecisionKind.Open);
    }

    [Fact]
    public void ClearedPastTheHysteresis_ResolvesOnlyAfterTheClearTime()
    {
        var values = Enumerable.Repeat<decimal?>(2m, 11).Concat(Enumerable.Repeat<decimal?>(1.0m, 11));
        var (decisions, alert, _) = Run(values);

        Assert.All(decisions.Skip(11).Take(10), d => Assert.Equal(DecisionKind.Track, d.Kind));
        Assert.Equal(DecisionKind.Resolve, decisions[21].Kind);
        Assert.Null(alert);
    }

    [Fact]
    public void ClearingInterruptedByARelapse_StartsTheClearTimeAgain()
    {
        var values = Enumerable.Repeat<decimal?>(2m, 11).Concat(Enumerable.Repeat<decimal?>(1.0m, 8)).Append(2m).Concat(Enumerable.Repeat<decimal?>(1.0m, 8));
        var (decisions, alert, _) = Run(values);

        Assert.DoesNotContain(decisions, d => d.Kind == DecisionKind.Resolve);
        Assert.Equal(AlertState.Firing, alert!.State);
    }

    [Fact]
    public void PendingThatClears_IsResolvedWithoutEverFiring()
    {
        var (decisions, alert, _) = Run([2m, 2m, 1.0m]);

        Assert.Equal(DecisionKind.Resolve, decisions[2].Kind);
        Assert.DoesNotContain(decisions, d => d.Kind == DecisionKind.Fire);
        Assert.Null(alert);
    }

    [Fact]
    public void AnOpenAlert_IsNeverOpenedAgain()
    {
        var open = new OpenAlert(7, "behind-pace-cases", "01", AlertState.Acknowledged, AlertSeverity.Warning, Start, null);

        var decision = AlertLifecycle.Decide(open, Measure(5m), Start.AddHours(1), Hold, Clear);

        Assert.Equal(DecisionKind.Track, decision.Kind);
    }
}

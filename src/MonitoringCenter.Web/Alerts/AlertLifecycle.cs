namespace MonitoringCenter.Web.Alerts;

public enum DecisionKind
{
    None,
    Open,
    Fire,
    Track,
    Resolve,
}

/// <param name="State">The state a new alert opens in (<see cref="DecisionKind.Open"/>).</param>
/// <param name="ClearSince">When the condition was first seen cleared (<see cref="DecisionKind.Track"/>).</param>
public sealed record AlertDecision(DecisionKind Kind, AlertState? State = null, DateTimeOffset? ClearSince = null, string? Reason = null)
{
    public static AlertDecision None { get; } = new(DecisionKind.None);
}

/// <summary>
/// The alert lifecycle, pure: pending → firing → acknowledged → resolved. A breached condition
/// opens a pending alert that fires once the condition has held for the hold time; a firing or
/// acknowledged alert resolves once its condition has stayed cleared (past the hysteresis) for
/// the clear time. Inside the hysteresis band nothing changes, so a value at the threshold
/// cannot flap.
/// </summary>
public static class AlertLifecycle
{
    /// <param name="observation">This evaluation's measurement; null when the rule no longer applies (counts as cleared).</param>
    public static AlertDecision Decide(OpenAlert? current, Observation? observation, DateTimeOffset now, TimeSpan holdFor, TimeSpan clearFor)
    {
        if (current is null)
        {
            return observation is { Breached: true }
                ? new AlertDecision(DecisionKind.Open, holdFor <= TimeSpan.Zero ? AlertState.Firing : AlertState.Pending)
                : AlertDecision.None;
        }
        if (observation is { Breached: true })
        {
            return current.State == AlertState.Pending && now - current.ConditionSince >= holdFor
                ? new AlertDecision(DecisionKind.Fire)
                : new AlertDecision(DecisionKind.Track);
        }
        if (observation is null || observation.Cleared)
        {
            if (current.State == AlertState.Pending)
            {
                return new AlertDecision(DecisionKind.Resolve, Reason: "Điều kiện đã hết trước khi cảnh báo được kích hoạt");
            }
            var since = current.ClearSince ?? now;
            return now - since >= clearFor
                ? new AlertDecision(DecisionKind.Resolve, Reason: observation is null ? "Tự động: quy tắc không còn áp dụng" : "Tự động: điều kiện đã hết")
                : new AlertDecision(DecisionKind.Track, ClearSince: since);
        }
        // Inside the hysteresis band: hold the state, and start clearing afresh next time.
        return new AlertDecision(DecisionKind.Track);
    }
}

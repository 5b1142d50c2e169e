namespace MonitoringCenter.Web.Watch;

/// <summary>
/// The four watch lists' figures for one unit (a province, an office, or the nation when
/// <paramref name="Code"/> is empty) in one statistical year, as of a day. Counts and sums only:
/// never a party, a case id or an address.
/// </summary>
/// <param name="OpenCases">Cases open on the day (accepted, not completed or terminated).</param>
/// <param name="HighValueOpen">High-value cases open on the day.</param>
/// <param name="HighValueAmount">Their amount to enforce.</param>
/// <param name="HighValueCollected">Collected this statistical year on every high-value case.</param>
/// <param name="HighValueCompleted">High-value cases completed this statistical year by the day.</param>
/// <param name="OldOpen">Open cases first accepted more than a year before the day.</param>
/// <param name="DelayedPostponed">Open cases postponed for more than the delay.</param>
/// <param name="DelayedSuspended">Open cases suspended for more than the delay.</param>
/// <param name="SteeringCases">Cases followed by the Steering Committee this statistical year.</param>
/// <param name="SteeringAmount">Their amount to enforce.</param>
/// <param name="SteeringCollected">Collected on them this statistical year.</param>
public sealed record WatchFigures(
    string Code,
    string Name,
    long OpenCases,
    long HighValueOpen,
    long HighValueAmount,
    long HighValueCollected,
    long HighValueCompleted,
    long OldOpen,
    long DelayedPostponed,
    long DelayedSuspended,
    long SteeringCases,
    long SteeringAmount,
    long SteeringCollected)
{
    /// <summary>Share of the open cases that are over a year old; null without open cases.</summary>
    public decimal? OldShare => OpenCases == 0 ? null : (decimal)OldOpen / OpenCases;

    public long Delayed => DelayedPostponed + DelayedSuspended;
}

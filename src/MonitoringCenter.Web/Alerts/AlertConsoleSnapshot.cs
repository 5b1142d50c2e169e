namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// What the console's prerender read, handed to its circuit (persisted component state) so opening
/// the page reads the alerts once, not twice. <see cref="LastTransition"/> tells the circuit whether
/// anything changed in between.
/// </summary>
public sealed record AlertConsoleSnapshot(
    IReadOnlyList<AlertView> Alerts,
    AlertCounts Counts,
    AlertView? Selected,
    IReadOnlyList<AlertTransitionView> History,
    string? SubjectName,
    DateTimeOffset LoadedAt,
    long LastTransition);

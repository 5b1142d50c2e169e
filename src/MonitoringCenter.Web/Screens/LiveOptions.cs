namespace MonitoringCenter.Web.Screens;

public sealed class LiveOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Live";

    /// <summary>A screen shows its stale banner when no snapshot or heartbeat arrived for this long.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often every node sends a heartbeat (with the latest version) to its screens.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Refresh the read models as soon as data changes (the change feed). Off, they follow the
    /// scheduled refresh only (<c>Refresh:Interval</c>); the ingestion benchmark compares the two.
    /// </summary>
    public bool RefreshOnChange { get; set; } = true;

    /// <summary>
    /// After triggering a refresh, further change notifications within this window are folded
    /// into the next one, so a burst of changes costs a bounded number of refreshes.
    /// </summary>
    public TimeSpan RefreshCoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Change-triggered alert evaluations run at most once per this window (the last change in it
    /// still gets one at its end). An evaluation reads every province's year; alerts are held for
    /// minutes (Alerts:HoldFor) before they fire or clear, so 30 s adds little delay, while every 5 s
    /// cost a busy ingestion measurable throughput (ingest bench).
    /// </summary>
    public TimeSpan AlertEvaluationCoalesceWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts to re-open the LISTEN connection.</summary>
    public TimeSpan ListenerMaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Expose <c>/internal/diagnostics</c> (memory, connections; forces a GC) for the benchmarks. Off in production.</summary>
    public bool DiagnosticsEndpoint { get; set; }
}

namespace MonitoringCenter.Web.Operations;

/// <summary>What the operator page shows at one moment; null figures could not be read (the reason is in <see cref="Problem"/>).</summary>
/// <param name="Screens">Screens connected to this node's wall hub.</param>
public sealed record OperationsSnapshot(
    DateTimeOffset At,
    IReadOnlyList<JobNode>? Nodes,
    TimeSpan? RefreshLag,
    bool? ChangesPending,
    int Screens,
    long? EventsLastMinute,
    long? FailedJobs,
    string? Problem)
{
    public int? NodesUp => Nodes?.Count(n => n.Alive);
}

namespace MonitoringCenter.Web.Platform;

/// <summary>
/// The in-process word that case events changed the figures: <see cref="Ingestion.CaseEventService"/>
/// announces it after its commit and the node's refresh coordinator listens. Events do not NOTIFY
/// from their own transactions because PostgreSQL serializes the commits of notifying transactions
/// (a global lock held through each commit's WAL flush), which cost concurrent ingestion up to half
/// its throughput. Any node's refresh takes every pending change and NOTIFYs <c>kpi_refreshed</c>
/// to all nodes; rare writers (reports, the demo loader) still NOTIFY <c>source_changed</c> through
/// their <c>refresh_dirty</c> marks, and the scheduled refresh picks up anything else.
/// </summary>
public sealed class SourceChanges
{
    public event Action? Changed;

    public void Announce() => Changed?.Invoke();
}

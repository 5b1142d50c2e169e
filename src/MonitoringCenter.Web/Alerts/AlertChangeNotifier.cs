using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// Tells the alert consoles (and the fleet's alert follower) on this node that alerts changed. Every
/// alert transition takes a new read-model version (migration 0030); the newest transition's id is
/// the change mark.
/// </summary>
public sealed class AlertChangeNotifier(AlertQueries queries, ViewPublisher publisher, ILogger<AlertChangeNotifier> logger)
    : ChangeNotifier(publisher, logger)
{
    protected override Task<long> LastChangeAsync(CancellationToken cancellationToken) => queries.LastTransitionAsync(cancellationToken);
}

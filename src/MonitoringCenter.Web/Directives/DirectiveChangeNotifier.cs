using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Directives;

/// <summary>
/// Tells the directive boards on this node that a directive was issued or answered, on any node.
/// Every directive event takes a new read-model version (migration 0100); the newest event's id is
/// the change mark.
/// </summary>
public sealed class DirectiveChangeNotifier(DirectiveQueries queries, ViewPublisher publisher, ILogger<DirectiveChangeNotifier> logger)
    : ChangeNotifier(publisher, logger)
{
    protected override Task<long> LastChangeAsync(CancellationToken cancellationToken) => queries.LastEventAsync(cancellationToken);
}

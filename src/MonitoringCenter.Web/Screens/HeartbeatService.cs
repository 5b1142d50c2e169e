using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Screens;

/// <summary>
/// Tells every screen now and then that the server is there and which version is current, so a
/// quiet wall is not taken for a stale one, and a screen that missed a push catches up.
/// </summary>
public sealed class HeartbeatService(IHubContext<WallHub, IWallClient> hub, ViewPublisher publisher, ChangeFeedListener feed, IOptions<LiveOptions> options)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Without the change feed this node cannot vouch for its data: stay silent, screens go stale.
            if (feed.Connected)
            {
                try
                {
                    await hub.Clients.All.Heartbeat(new Heartbeat(publisher.Version, ViewPublisher.Deploy));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed send must not end the heartbeat; the next tick tries again.
                }
            }
        }
    }
}

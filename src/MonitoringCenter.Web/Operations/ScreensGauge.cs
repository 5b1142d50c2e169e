using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Operations;

/// <summary>Feeds this host's screens per view to the <c>mc.screens.connected</c> gauge while it runs.</summary>
public sealed class ScreensGauge(ViewPublisher publisher) : IHostedService, IDisposable
{
    private IDisposable? _watch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = CenterMetrics.WatchScreens(publisher.ConnectionsByView);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _watch, null)?.Dispose();
    }
}

using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// "Follow alerts" playlist items: when a critical alert about a province is new (the one the walls'
/// interruption shows), every screen connected to this node hears <see cref="IScreenClient.FollowAlert"/>;
/// a screen whose playlist follows alerts goes to that province's page for the item's seconds, then
/// resumes its rotation (the agent keeps which alerts it followed). One ticker query per node when
/// alerts change, none per screen; a screen connecting while the alert is still new hears it at once.
/// </summary>
public sealed partial class AlertFollower(
    AlertChangeNotifier alerts, AlertQueries queries, IHubContext<ScreenHub, IScreenClient> hub, IOptions<AlertOptions> options,
    Clock clock, ILogger<AlertFollower> logger) : IHostedService
{
    private IDisposable? _subscription;
    private volatile AlertView? _current;

    /// <summary>The province alert screens follow now, or null.</summary>
    public AlertView? Current => _current is { FiredAt: { } fired } alert && fired >= clock.Now - options.Value.Interruption.ShowFor ? alert : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = alerts.Subscribe(() => LookAsync(announce: true));
        try
        {
            await LookAsync(announce: false);
        }
        catch (Exception ex) when (DatabaseProblem.Is(ex))
        {
            // The next alert change looks again.
            LogLookFailed(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task LookAsync(bool announce)
    {
        var ticker = await queries.TickerAsync(limit: 1);
        var alert = AlertQueries.Interruption(ticker, options.Value.Interruption.ShowFor).Alert is { Province: not null } found ? found : null;
        var before = Interlocked.Exchange(ref _current, alert);
        if (announce && alert is not null && alert.Id != before?.Id)
        {
            await hub.Clients.All.FollowAlert(alert.Id, alert.Province!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the alert screens follow: {Problem}")]
    private static partial void LogLookFailed(ILogger logger, string problem);
}

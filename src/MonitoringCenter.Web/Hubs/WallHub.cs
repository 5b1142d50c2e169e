using Microsoft.AspNetCore.SignalR;
using MonitoringCenter.Web.Live;

namespace MonitoringCenter.Web.Hubs;

/// <summary>
/// Screens join their view and get its current snapshot; everything after that is pushed by
/// <see cref="ViewPublisher"/> through <c>IHubContext&lt;WallHub, IWallClient&gt;</c>.
/// </summary>
public sealed class WallHub(ViewPublisher publisher) : Hub<IWallClient>
{
    public async Task<ViewUpdate> Join(string view)
    {
        var parsed = ScreenViews.Parse(view) ?? throw new HubException($"Unknown view '{view}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, parsed.Key);
        publisher.Track(Context.ConnectionId, parsed);
        return await publisher.CurrentAsync(parsed, Context.ConnectionAborted);
    }

    /// <summary>The full current snapshot, for a screen that noticed a version gap.</summary>
    public Task<ViewUpdate> Snapshot(string view) =>
        publisher.CurrentAsync(ScreenViews.Parse(view) ?? throw new HubException($"Unknown view '{view}'."), Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        publisher.Untrack(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

public interface IWallClient
{
    Task ViewChanged(ViewUpdate update);

    Task Heartbeat(Heartbeat heartbeat);
}

/// <summary>
/// A push to a view's screens. <see cref="Full"/> snapshots carry every fragment; otherwise
/// only the fragments that changed since <see cref="BaseVersion"/>, and a screen not at that
/// version asks for a full snapshot instead. Fragments are ready HTML keyed by element id.
/// </summary>
public sealed record ViewUpdate(
    string View,
    long Version,
    long BaseVersion,
    bool Full,
    string Deploy,
    string UpdatedAt,
    IReadOnlyDictionary<string, string> Fragments,
    WallCharts? Charts);

public sealed record Heartbeat(long Version, string Deploy);

/// <summary>Chart series for the browser module: numbers only, labels already formatted here.</summary>
public sealed record WallCharts(TrendChart Trend, RankingChart Ranking);

public sealed record TrendChart(string[] Labels, decimal?[] CaseRate, decimal?[] MoneyRate, decimal?[] CaseTarget, decimal?[] MoneyTarget,
    decimal?[] CaseLastYear, decimal?[] MoneyLastYear);

public sealed record RankingChart(string[] Codes, string[] Names, decimal?[] CaseRate, string[] Status, string[] Colors);

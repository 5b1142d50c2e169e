using Microsoft.AspNetCore.SignalR;

namespace MonitoringCenter.Web.Screens;

/// <summary>
/// Screens join their view and get its current snapshot; everything after that is pushed by
/// <see cref="ViewPublisher"/> through <c>IHubContext&lt;WallHub, IWallClient&gt;</c>.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Accounts.Policies.Walls)]
public sealed class WallHub(ViewPublisher publisher, ScreenViewCatalog views) : Hub<IWallClient>
{
    public async Task<ViewUpdate> Join(string view)
    {
        var parsed = views.Parse(view) ?? throw new HubException($"Unknown view '{view}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, parsed.Key);
        publisher.Track(Context.ConnectionId, parsed);
        return await publisher.CurrentAsync(parsed, Context.ConnectionAborted);
    }

    /// <summary>The full current snapshot, for a screen that noticed a version gap.</summary>
    public Task<ViewUpdate> Snapshot(string view) =>
        publisher.CurrentAsync(views.Parse(view) ?? throw new HubException($"Unknown view '{view}'."), Context.ConnectionAborted);

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
    object? Charts);

public sealed record Heartbeat(long Version, string Deploy);

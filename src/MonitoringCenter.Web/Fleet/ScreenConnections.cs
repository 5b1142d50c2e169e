using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// The hub connections of paired screens on this node (screen hub and wall hub), by screen: when a
/// screen is revoked they are closed at once, and its reconnect is refused by the Screen scheme.
/// </summary>
public sealed class ScreenConnections : IHubFilter
{
    private readonly ConcurrentDictionary<string, (Guid Screen, HubCallerContext Context)> _connections = new();

    public int Count => _connections.Count;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Guid.TryParse(context.Context.User?.FindFirst(ScreenClaims.Screen)?.Value, out var screen))
        {
            _connections[context.Context.ConnectionId] = (screen, context.Context);
        }
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    public void Close(Guid screen)
    {
        foreach (var (id, entry) in _connections)
        {
            if (entry.Screen == screen)
            {
                _connections.TryRemove(id, out _);
                entry.Context.Abort();
            }
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Every hub connection on this node, by account: when an account changes (see
/// <see cref="SessionRevocations"/>), its connections re-check their session and those that no
/// longer stand are closed at once. The screen then reconnects, is refused, and goes to sign-in.
/// </summary>
public sealed partial class HubSessions : IHubFilter, IDisposable
{
    private readonly ConcurrentDictionary<string, (Guid User, HubCallerContext Context)> _connections = new();
    private readonly SessionRevocations _revocations;
    private readonly SessionValidator _validator;
    private readonly ILogger<HubSessions> _logger;

    public HubSessions(SessionRevocations revocations, SessionValidator validator, ILogger<HubSessions> logger)
    {
        _revocations = revocations;
        _validator = validator;
        _logger = logger;
        _revocations.Changed += OnChanged;
    }

    public int Count => _connections.Count;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var caller = context.Context;
        // A paired screen (no account): its credential was checked when the connection opened, and
        // revoking it closes its connections (Fleet's ScreenConnections).
        if (_validator.UserId(caller.User) is null && caller.User?.HasClaim(c => c.Type == AccountClaims.Screen) == true)
        {
            await next(context);
            return;
        }
        // The cookie's stamp was checked on the request that opened this connection (OnValidatePrincipal);
        // a change after that reaches the connection through RecheckAsync.
        if (_validator.UserId(caller.User) is not { } user)
        {
            throw new HubException("Phiên đăng nhập đã kết thúc.");
        }
        _connections[caller.ConnectionId] = (user, caller);
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    private void OnChanged(Guid? user) => _ = RecheckAsync(user);

    private async Task RecheckAsync(Guid? user)
    {
        foreach (var (id, entry) in _connections)
        {
            if (user is { } changed && entry.User != changed)
            {
                continue;
            }
            try
            {
                if (!await _validator.IsCurrentAsync(entry.Context.User))
                {
                    _connections.TryRemove(id, out _);
                    entry.Context.Abort();
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // The database is down: the connection stays until the next change notice or reconnect.
                LogRecheckFailed(_logger, ex.Message);
            }
        }
    }

    public void Dispose() => _revocations.Changed -= OnChanged;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check hub sessions ({Reason})")]
    private static partial void LogRecheckFailed(ILogger logger, string reason);
}

using Dapper;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Hears, on every node, that an account changed (disabled, password reset, roles, forced
/// sign-out: its security stamp changed), through PostgreSQL's <c>account_changed</c> channel on
/// the node's LISTEN connection, and tells the open hub connections and interactive pages to
/// re-check their session at once. After a lost connection it asks them all to re-check, since a
/// notice may have been missed.
/// </summary>
public sealed partial class SessionRevocations(ILogger<SessionRevocations> logger) : INotificationHandler
{
    public const string ChannelName = "account_changed";

    /// <summary>An account changed (its id), or, with null, any may have.</summary>
    public event Action<Guid?>? Changed;

    public string Channel => ChannelName;

    /// <summary>Tells every node that the account changed; in the caller's transaction when it has one.</summary>
    public static Task NotifyAsync(NpgsqlConnection connection, Guid userId, NpgsqlTransaction? transaction = null) =>
        connection.ExecuteAsync("select pg_notify(@channel, @id)", new { channel = ChannelName, id = userId.ToString() }, transaction);

    public void Heard(string payload) => Raise(Guid.TryParse(payload, out var id) ? id : null);

    public void Reconnected() => Raise(null);

    private void Raise(Guid? userId)
    {
        try
        {
            Changed?.Invoke(userId);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An account change handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}

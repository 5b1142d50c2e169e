using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Hears, on every node, that an account changed (disabled, password reset, roles, forced
/// sign-out: its security stamp changed), through PostgreSQL's <c>account_changed</c> channel, and
/// tells the open hub connections and interactive pages to re-check their session at once.
/// After a lost connection it asks them all to re-check, since a notice may have been missed.
/// </summary>
public sealed partial class SessionRevocations(IOptions<DatabaseOptions> database, ILogger<SessionRevocations> logger) : BackgroundService
{
    public const string Channel = "account_changed";

    /// <summary>An account changed (its id), or, with null, any may have.</summary>
    public event Action<Guid?>? Changed;

    /// <summary>Tells every node that the account changed; in the caller's transaction when it has one.</summary>
    public static Task NotifyAsync(NpgsqlConnection connection, Guid userId, NpgsqlTransaction? transaction = null) =>
        connection.ExecuteAsync("select pg_notify(@channel, @id)", new { channel = Channel, id = userId.ToString() }, transaction);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 10,
            Timeout = 5,
            ApplicationName = "monitoring-center-sessions",
        }.ConnectionString;
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Raise(Guid.TryParse(e.Payload, out var id) ? id : null);
                await connection.ExecuteAsync($"listen {Channel}");
                if (!first)
                {
                    Raise(null);
                }
                first = false;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(15), stoppingToken))
                    {
                        await connection.ExecuteAsync("select 1");
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogLost(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account change feed lost ({Reason}); re-opening in 1 s")]
    private static partial void LogLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "An account change handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}

using System.Text.Json;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using Npgsql;

namespace MonitoringCenter.Web.Screens;

/// <summary>
/// The node's one LISTEN connection (never one per screen, nor one per feature). <c>source_changed</c>
/// asks for a refresh; <c>kpi_refreshed</c> makes the node publish the new version; the features'
/// own channels (<see cref="INotificationHandler"/>: account changes, fleet commands) go to their
/// handlers. When the connection drops (PostgreSQL restarted, network), it is re-opened with
/// backoff and, since notifications may have been missed meanwhile, a refresh is requested, every
/// view is sent in full and every handler is told.
/// </summary>
public sealed partial class ChangeFeedListener(
    IOptions<DatabaseOptions> database,
    IOptions<LiveOptions> options,
    RefreshCoordinator refreshes,
    ViewPublisher publisher,
    IEnumerable<INotificationHandler> handlers,
    ILogger<ChangeFeedListener> logger) : BackgroundService
{
    private readonly INotificationHandler[] _handlers = [.. handlers];

    public const string SourceChannel = "source_changed";

    private readonly Channel<long> _published = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private volatile bool _connected;
    private long _reconnects;

    public bool Connected => _connected;

    /// <summary>How many times the LISTEN connection had to be re-opened.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>The listening connection's backend process id, so tests can cut it.</summary>
    public int? BackendProcessId { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), PublishAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 10,
            Timeout = 5,
            ApplicationName = "monitoring-center-listener",
        }.ConnectionString;
        var backoff = TimeSpan.FromMilliseconds(200);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += OnNotification;
                await connection.ExecuteAsync(string.Join("; ",
                    new[] { SourceChannel, KpiRefresher.Channel }.Concat(_handlers.Select(h => h.Channel)).Distinct(StringComparer.Ordinal).Select(c => "listen " + c)));
                BackendProcessId = connection.ProcessID;
                _connected = true;
                backoff = TimeSpan.FromMilliseconds(200);
                // Changes may have landed while nobody listened (a start, or a gap): pick them up now.
                refreshes.Request();
                if (!first)
                {
                    Interlocked.Increment(ref _reconnects);
                    LogReconnected(logger);
                    foreach (var handler in _handlers)
                    {
                        Tell(handler, h => h.Reconnected());
                    }
                    await publisher.ReloadAllAsync(stoppingToken);
                }
                first = false;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(15), stoppingToken))
                    {
                        // Quiet for a while: prove the connection is still there.
                        await connection.ExecuteAsync("select 1");
                    }
                }
            }
            // Whatever went wrong, the node keeps listening: a wall must heal by itself.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _connected = false;
                LogLost(logger, ex.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromMilliseconds(Math.Min(options.Value.ListenerMaxBackoff.TotalMilliseconds, backoff.TotalMilliseconds * 2));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == SourceChannel)
        {
            refreshes.Request();
        }
        else if (e.Channel == KpiRefresher.Channel && TryReadVersion(e.Payload) is { } version)
        {
            Operations.CenterMetrics.VersionAnnounced(version);
            _published.Writer.TryWrite(version);
        }
        else
        {
            foreach (var handler in _handlers.Where(h => h.Channel == e.Channel))
            {
                Tell(handler, h => h.Heard(e.Payload));
            }
        }
    }

    // A feature's handler that throws must not take the node's listening down.
    private void Tell(INotificationHandler handler, Action<INotificationHandler> action)
    {
        try
        {
            action(handler);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, handler.Channel, ex);
        }
    }

    private static long? TryReadVersion(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<RefreshNotice>(payload)?.Version;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Renders and pushes off the listening loop; a newer version replaces one not yet published.
    private async Task PublishAsync(CancellationToken stoppingToken)
    {
        await foreach (var version in _published.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await publisher.PublishAsync(version, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPublishFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed connection lost ({Reason}); re-opening in {Milliseconds} ms")]
    private static partial void LogLost(ILogger logger, string reason, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Change feed connection re-opened; reloading every view")]
    private static partial void LogReconnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The handler of the {Channel} channel failed")]
    private static partial void LogHandlerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing a refresh failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}

using Dapper;
using Hangfire;
using MonitoringCenter.Web.Screens;
using Npgsql;

namespace MonitoringCenter.Web.Operations;

/// <summary>The figures of the health checks and the operator page: the database, the job store, this node.</summary>
public sealed class OperationsQueries(NpgsqlDataSource dataSource, JobStorage jobs, ViewPublisher publisher, TimeProvider time)
{
    /// <summary>A server whose heartbeat is older than this is taken for dead (Hangfire beats every 30 s).</summary>
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(90);

    // Hangfire names a server "host:pid:guid".
    private static readonly string ProcessMark = $":{Environment.ProcessId}:";

    /// <summary>Whether anything waits for a refresh: dirty marks or untaken figure changes.</summary>
    private const string RefreshStateSql = """
        select (select max(finished_at) from refresh_run) as LastRefresh,
               (exists (select 1 from refresh_dirty) or exists (select 1 from kpi_delta)) as Pending
        """;

    /// <summary>
    /// Events received in the last minute. <c>received_at</c> has no index; arrivals follow <c>seq</c>,
    /// so the newest rows by key are enough (a cap far above a minute's worth at ten times the demo rate).
    /// </summary>
    private const string EventsLastMinuteSql = """
        select count(*) from (select received_at from case_event order by seq desc limit 100000) recent
        where received_at > now() - interval '1 minute'
        """;

    public async Task<RefreshState> RefreshStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<RefreshState>(new CommandDefinition(RefreshStateSql, cancellationToken: cancellationToken));
    }

    public async Task<long> EventsLastMinuteAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(EventsLastMinuteSql, cancellationToken: cancellationToken));
    }

    /// <summary>The job store's servers. Hangfire's monitoring API is synchronous: it runs off the caller's thread and is abandoned on cancellation.</summary>
    public Task<IReadOnlyList<JobNode>> NodesAsync(CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<JobNode>>(() =>
        {
            var now = time.GetUtcNow();
            return jobs.GetMonitoringApi().Servers().Select(s =>
            {
                DateTimeOffset? heartbeat = s.Heartbeat is { } beat ? new DateTimeOffset(DateTime.SpecifyKind(beat, DateTimeKind.Utc)) : null;
                return new JobNode(s.Name, heartbeat, s.WorkersCount, heartbeat is { } h && now - h < HeartbeatTimeout,
                    s.Name.Contains(ProcessMark, StringComparison.Ordinal));
            }).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        }, cancellationToken).WaitAsync(cancellationToken);

    public Task<long> FailedJobsAsync(CancellationToken cancellationToken) =>
        Task.Run(() => jobs.GetMonitoringApi().FailedCount(), cancellationToken).WaitAsync(cancellationToken);

    /// <summary>Everything at once; what cannot be read stays null and the first reason is kept, never thrown.</summary>
    public async Task<OperationsSnapshot> SnapshotAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        string? problem = null;
        async Task<T?> Read<T>(Func<CancellationToken, Task<T>> read, string what)
        {
            try
            {
                return await read(limit.Token);
            }
            // Whatever failed, the page says so in words: an operator's page must not become an error page.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                problem ??= ex is OperationCanceledException
                    ? $"{what}: cơ sở dữ liệu không trả lời trong {timeout.TotalSeconds:0} giây"
                    : $"{what}: không kết nối được cơ sở dữ liệu";
                return default;
            }
        }
        var refresh = await Read(RefreshStateAsync, "Làm mới");
        var events = await Read<long?>(async t => await EventsLastMinuteAsync(t), "Tiếp nhận");
        var nodes = await Read(NodesAsync, "Máy chủ công việc");
        var failed = await Read<long?>(async t => await FailedJobsAsync(t), "Công việc lỗi");
        var now = time.GetUtcNow();
        return new OperationsSnapshot(now, nodes, refresh?.LastRefresh is { } last ? now - last : null, refresh?.Pending,
            publisher.Connections, events, failed, problem);
    }
}

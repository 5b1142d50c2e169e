using Dapper;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>
/// This node's Hangfire server (every node runs one; the shared storage makes each job run
/// once). It starts only once this node has migrated the database: it then installs or upgrades
/// Hangfire's own schema, registers the recurring jobs and starts the workers and schedulers,
/// retrying while PostgreSQL is unreachable. Until then nothing touches the job storage, so a
/// wall node whose database is down still comes up and serves its "database unavailable"
/// screens; the <c>seed</c> and <c>apikey</c> commands, which never start the host, never
/// start a server either.
/// </summary>
internal sealed partial class JobServerHost(
    DatabaseReadiness readiness,
    JobStorageReadiness jobsReadiness,
    NpgsqlDataSource dataSource,
    JobStorage storage,
    RecurringSchedules schedules,
    JobActivator activator,
    IJobFilterProvider filters,
    ITimeZoneResolver timeZones,
    IOptions<JobsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<JobServerHost> logger) : BackgroundService
{
    private const long LockKey = 0x4D43_4841_4E47; // "MCHANG"

    private BackgroundJobServer? _server;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken);
        var delay = TimeSpan.FromSeconds(2);
        while (true)
        {
            try
            {
                await InstallSchemaAsync(stoppingToken);
                schedules.Register();
                jobsReadiness.MarkReady();
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, ex.GetBaseException().Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            SchedulePollingInterval = options.Value.SchedulePollingInterval,
            WorkerCount = options.Value.WorkerCount,
            // Hangfire's defaults are process-wide; several hosts share a test process.
            Activator = activator,
            FilterProvider = filters,
            TimeZoneResolver = timeZones,
        }, storage);
        _server = server;
        // Running jobs see their cancellation token as soon as the host begins to stop, while the other services stop.
        lifetime.ApplicationStopping.Register(() =>
        {
            try
            {
                server.SendStop();
            }
            catch (ObjectDisposedException)
            {
                // Already stopped.
            }
        });
    }

    /// <summary>Hangfire's installer, under a lock so that nodes starting together take turns.</summary>
    private async Task InstallSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken));
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, JobsExtensions.Schema);
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The test host may stop a service twice, from two threads (dotnet/aspnetcore#40271): the first call stops the server.
        if (Interlocked.Exchange(ref _server, null) is not { } server)
        {
            return;
        }
        server.SendStop();
        try
        {
            await server.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host waits no longer. A job still running is not lost: once its invisibility
            // timeout passes, another node's worker runs it again (every job is idempotent).
            LogAbandoned(logger);
        }
        server.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job server did not stop within the host's shutdown timeout")]
    private static partial void LogAbandoned(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job server could not start ({Reason}); retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, string reason, double seconds);
}

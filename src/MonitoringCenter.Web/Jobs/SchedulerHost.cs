using Quartz;

namespace MonitoringCenter.Web.Jobs;

/// <summary>
/// Starts the Quartz scheduler in the background and keeps trying while PostgreSQL is
/// unreachable. Quartz's own hosted service fails the whole host when the job store cannot be
/// reached at start; a wall node must still come up and serve its "database unavailable"
/// screens, and pick the jobs up once the database is back.
/// </summary>
internal sealed partial class SchedulerHost(ISchedulerFactory factory, ILogger<SchedulerHost> logger) : BackgroundService
{
    private IScheduler? _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(2);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _scheduler = await factory.GetScheduler(stoppingToken);
                await _scheduler.Start(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is SchedulerException or Npgsql.NpgsqlException or TimeoutException)
            {
                LogRetry(logger, ex.GetBaseException().Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is { } scheduler)
        {
            try
            {
                await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                // Its container went first (a host torn down in a hurry): nothing left to stop.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job scheduler could not start ({Reason}); retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, string reason, double seconds);
}

using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Configuration;
using MonitoringCenter.Web.Data.ReadModels;
using MonitoringCenter.Web.Jobs;
using Quartz;

namespace MonitoringCenter.Web.Live;

/// <summary>
/// Turns change notifications into incremental refreshes at once, folding a burst into a bounded
/// number of runs: requests that arrive while a refresh runs, or within the coalescing window
/// after it, become one further run. It calls the refresher directly rather than through a
/// Quartz trigger, which costs about 100 ms of job-store round trips per change; the refresher's
/// cluster-wide advisory lock keeps it from overlapping the Quartz refresh job (the schedule
/// and the nightly full rebuild, whose runs Quartz records).
/// </summary>
public sealed partial class RefreshCoordinator(KpiRefresher refresher, ISchedulerFactory schedulers, IOptions<LiveOptions> options, ILogger<RefreshCoordinator> logger)
    : BackgroundService
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _runs;

    /// <summary>How many change-triggered refreshes this node has run.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public void Request() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var result = await refresher.RefreshDirtyAsync(stoppingToken);
                Interlocked.Increment(ref _runs);
                if (result.RowsWritten > 0)
                {
                    // New figures: let the alert rules look at them (the Quartz job, one at a time).
                    var scheduler = await schedulers.GetScheduler(stoppingToken);
                    await scheduler.TriggerJob(AlertEvaluationJob.Key, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The scheduled run picks the change up; nothing is lost, only later.
                LogRefreshFailed(logger, ex.Message);
            }
            await Task.Delay(options.Value.RefreshCoalesceWindow, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change-triggered refresh failed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}

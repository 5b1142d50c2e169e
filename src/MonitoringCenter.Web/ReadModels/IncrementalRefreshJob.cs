using Hangfire;
using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>
/// The scheduled incremental refresh: the safety net behind the change feed, for changes whose
/// wake-up was lost (a node that died between commit and refresh, a writer outside the app).
/// Usually finds nothing to do. <see cref="KpiRefresher"/>'s advisory lock keeps it from
/// overlapping the change-triggered refreshes and the nightly rebuild.
/// </summary>
[AutomaticRetry(Attempts = 0)] // The next occurrence is the retry; a failed run stays visible as failed.
public sealed partial class IncrementalRefreshJob(KpiRefresher refresher, IBackgroundJobClient jobs, ILogger<IncrementalRefreshJob> logger)
{
    public const string RecurringId = "refresh-incremental";

    [JobDisplayName("Incremental refresh of the read models")]
    [DisableConcurrentExecution(timeoutInSeconds: 15 * 60)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await refresher.RefreshDirtyAsync(cancellationToken);
        if (!result.NothingToDo)
        {
            LogRun(logger, result.RowsWritten, (long)result.Duration.TotalMilliseconds);
        }
        // New figures are evaluated at once rather than at the next scheduled evaluation.
        if (result.RowsWritten > 0)
        {
            AlertEvaluationJob.Enqueue(jobs);
        }
        return RefreshSummary.Of(result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled incremental refresh wrote {Rows} rows in {Milliseconds} ms")]
    private static partial void LogRun(ILogger logger, int rows, long milliseconds);
}

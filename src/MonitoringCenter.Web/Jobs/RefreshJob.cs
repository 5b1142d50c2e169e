using MonitoringCenter.Web.ReadModels;
using Quartz;

namespace MonitoringCenter.Web.Jobs;

/// <summary>
/// Rebuilds the read models: the dirty (year, province) pairs by default, everything when the
/// trigger's data says <c>full</c>. One at a time across the cluster.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RefreshJob(KpiRefresher refresher, ILogger<RefreshJob> logger) : IJob
{
    public static readonly JobKey Key = new("refresh-read-models", "read-models");
    public const string FullKey = "full";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var full = context.MergedJobDataMap.TryGetBoolean(FullKey, out var value) && value;
        var result = full
            ? await refresher.RefreshFullAsync(cancellationToken)
            : await refresher.RefreshDirtyAsync(cancellationToken);
        context.Result = $"{result.Kind}: {result.RowsWritten} rows, {result.Provinces.Count} provinces, years {string.Join(",", result.Years)}";
        if (!result.NothingToDo)
        {
            LogRun(logger, result.Kind, result.RowsWritten, (long)result.Duration.TotalMilliseconds);
        }

        // Alerts (issue 3): new figures are evaluated at once rather than at the next scheduled evaluation.
        if (result.RowsWritten > 0 && await context.Scheduler.Exists(AlertEvaluationJob.Key, cancellationToken))
        {
            await context.Scheduler.TriggerJob(AlertEvaluationJob.Key, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refresh job ({Kind}) wrote {Rows} rows in {Milliseconds} ms")]
    private static partial void LogRun(ILogger logger, string kind, int rows, long milliseconds);
}

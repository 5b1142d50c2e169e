using Hangfire;
using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>
/// The nightly full rebuild of the read models from the source tables: whatever an incremental
/// refresh might have got wrong does not outlive the night. Rebuilding twice gives the same rows.
/// </summary>
[AutomaticRetry(Attempts = 0)] // A rebuild that failed is seen on the dashboard and run by hand ("trigger now").
public sealed partial class FullRefreshJob(KpiRefresher refresher, ReadModelInvariants invariants, Platform.Clock clock, IBackgroundJobClient jobs,
    ILogger<FullRefreshJob> logger)
{
    public const string RecurringId = "refresh-nightly-full";

    [JobDisplayName("Full rebuild of the read models")]
    [DisableConcurrentExecution(timeoutInSeconds: 60 * 60)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await refresher.RefreshFullAsync(cancellationToken);
        LogRun(logger, result.RowsWritten, (long)result.Duration.TotalMilliseconds);
        // Nightly, every day of the running year is checked (after refreshes, only the latest day).
        var broken = await invariants.CheckAsync(clock.CurrentYear.Year, allDays: true, cancellationToken);
        if (result.RowsWritten > 0 || broken.Count > 0)
        {
            AlertEvaluationJob.Enqueue(jobs);
        }
        return RefreshSummary.Of(result) + (broken.Count > 0 ? $"; {broken.Count} invariants broken" : "; invariants hold");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Full rebuild wrote {Rows} rows in {Milliseconds} ms")]
    private static partial void LogRun(ILogger logger, int rows, long milliseconds);
}

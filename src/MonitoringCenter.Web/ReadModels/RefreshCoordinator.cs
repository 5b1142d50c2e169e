using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>
/// Turns changes (case events committed on this node, <c>source_changed</c> notifications from
/// other writers) into incremental refreshes at once, folding a burst into a bounded
/// number of runs: requests that arrive while a refresh runs, or within the coalescing window
/// after it, become one further run. It calls the refresher directly rather than through a
/// Hangfire job, which would add a job-store round trip and a worker's queue poll to every
/// change; the refresher's cluster-wide advisory lock keeps it from overlapping the Hangfire
/// refresh jobs (the safety-net schedule and the nightly full rebuild, whose runs Hangfire records).
/// </summary>
public sealed partial class RefreshCoordinator(KpiRefresher refresher, SourceChanges changes, DatabaseReadiness readiness,
    IOptions<LiveOptions> options, ILogger<RefreshCoordinator> logger) : BackgroundService
{
    /// <summary>
    /// New figures were written, at most once per <see cref="LiveOptions.AlertEvaluationCoalesceWindow"/>:
    /// the word for whoever looks at the figures as a whole (the alert rules).
    /// </summary>
    public event Action? FiguresSettled;

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _runs;

    /// <summary>How many change-triggered refreshes this node has run.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public void Request()
    {
        if (options.Value.RefreshOnChange)
        {
            _requests.Writer.TryWrite(true);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        changes.Changed += Request;
        try
        {
            await RunAsync(stoppingToken);
        }
        finally
        {
            changes.Changed -= Request;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        // Requests made meanwhile wait in the channel: the schema may still be migrating.
        await readiness.Ready.WaitAsync(stoppingToken);
        await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var result = await refresher.RefreshDirtyAsync(stoppingToken);
                Interlocked.Increment(ref _runs);
                if (result.RowsWritten > 0)
                {
                    RequestAlertEvaluation(stoppingToken);
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

    private DateTimeOffset _evaluationAllowedAt;
    private int _evaluationPending;

    /// <summary>
    /// New figures: let the alert rules look at them (the Hangfire job, on any node), at most
    /// once per <see cref="LiveOptions.AlertEvaluationCoalesceWindow"/>; changes inside the window
    /// get one evaluation at its end. Evaluating after every event of a busy day would cost the
    /// database far more than the refreshes themselves.
    /// </summary>
    private void RequestAlertEvaluation(CancellationToken stoppingToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now >= _evaluationAllowedAt)
        {
            _evaluationAllowedAt = now + options.Value.AlertEvaluationCoalesceWindow;
            AnnounceSettledFigures();
        }
        else if (Interlocked.Exchange(ref _evaluationPending, 1) == 0)
        {
            var wait = _evaluationAllowedAt - now;
            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(wait, stoppingToken);
                    Interlocked.Exchange(ref _evaluationPending, 0);
                    _evaluationAllowedAt = DateTimeOffset.UtcNow + options.Value.AlertEvaluationCoalesceWindow;
                    AnnounceSettledFigures();
                }
                catch (OperationCanceledException)
                {
                    // Shutting down.
                }
            }, stoppingToken);
        }
    }

    private void AnnounceSettledFigures()
    {
        try
        {
            FiguresSettled?.Invoke();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(logger, "a listener of new figures failed: " + ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change-triggered refresh failed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}

using Hangfire;

namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// Evaluates the alert rules: on its own schedule, and enqueued after a refresh that wrote rows.
/// Evaluating twice in a row changes nothing the second time; the evaluator's advisory lock keeps
/// two nodes from evaluating at once.
/// </summary>
[AutomaticRetry(Attempts = 0)] // The next scheduled evaluation is the retry.
public sealed partial class AlertEvaluationJob(AlertEvaluator evaluator, ILogger<AlertEvaluationJob> logger)
{
    public const string RecurringId = "evaluate-alerts";

    /// <summary>One evaluation as soon as a worker of any node is free.</summary>
    public static string Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<AlertEvaluationJob>(j => j.RunAsync(CancellationToken.None));

    [JobDisplayName("Alert evaluation")]
    [DisableConcurrentExecution(timeoutInSeconds: 5 * 60)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await evaluator.EvaluateAsync(cancellationToken);
        if (result.Opened + result.Fired + result.Resolved > 0)
        {
            LogChanges(logger, result.Opened, result.Fired, result.Resolved, result.Open);
        }
        return $"{result.Observations} observations, {result.Opened} opened, {result.Fired} fired, {result.Resolved} resolved, {result.Open} open";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts: {Opened} opened, {Fired} fired, {Resolved} resolved; {Open} open")]
    private static partial void LogChanges(ILogger logger, int opened, int fired, int resolved, int open);
}

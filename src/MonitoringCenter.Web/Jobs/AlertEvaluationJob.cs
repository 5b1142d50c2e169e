using MonitoringCenter.Web.Alerts;
using Quartz;

namespace MonitoringCenter.Web.Jobs;

/// <summary>Evaluates the alert rules: on its own schedule, and after every refresh that wrote rows. One at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed partial class AlertEvaluationJob(AlertEvaluator evaluator, ILogger<AlertEvaluationJob> logger) : IJob
{
    public static readonly JobKey Key = new("evaluate-alerts", "alerts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await evaluator.EvaluateAsync(cancellationToken);
        context.Result = $"{result.Observations} observations, {result.Opened} opened, {result.Fired} fired, {result.Resolved} resolved, {result.Open} open";
        if (result.Opened + result.Fired + result.Resolved > 0)
        {
            LogChanges(logger, result.Opened, result.Fired, result.Resolved, result.Open);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts: {Opened} opened, {Fired} fired, {Resolved} resolved; {Open} open")]
    private static partial void LogChanges(ILogger logger, int opened, int fired, int resolved, int open);
}

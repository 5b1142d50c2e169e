using Hangfire;
using MonitoringCenter.Web.Platform.Jobs;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Web.Alerts;

/// <summary>New figures settled on this node: one alert evaluation, on whichever node's worker is free first.</summary>
internal sealed partial class AlertEvaluationTrigger(RefreshCoordinator refreshes, IBackgroundJobClient jobs, JobStorageReadiness jobsReadiness,
    ILogger<AlertEvaluationTrigger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        refreshes.FiguresSettled += Enqueue;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        refreshes.FiguresSettled -= Enqueue;
        return Task.CompletedTask;
    }

    private void Enqueue()
    {
        // Before the job storage is ready (the first seconds of a node) the scheduled evaluation follows soon enough.
        if (!jobsReadiness.Ready.IsCompleted)
        {
            return;
        }
        try
        {
            AlertEvaluationJob.Enqueue(jobs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotEnqueued(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert evaluation not enqueued: {Reason}")]
    private static partial void LogNotEnqueued(ILogger logger, string reason);
}

using Hangfire.Server;

namespace MonitoringCenter.Web.Operations;

/// <summary>Counts each Hangfire job run on this node by job class and outcome (succeeded, failed, canceled).</summary>
public sealed class JobOutcomeFilter : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = context.Canceled ? "canceled" : context.Exception is null ? "succeeded" : "failed";
        CenterMetrics.JobFinished(context.BackgroundJob.Job?.Type.Name ?? "unknown", outcome);
    }
}

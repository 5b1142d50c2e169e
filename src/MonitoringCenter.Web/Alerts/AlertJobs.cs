using Hangfire;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform.Jobs;

namespace MonitoringCenter.Web.Alerts;

/// <summary>The scheduled alert evaluation.</summary>
internal sealed class AlertJobs(IOptions<AlertOptions> alerts) : IRecurringJobs
{
    public void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<AlertEvaluationJob>(AlertEvaluationJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            RecurringSchedules.Every(alerts.Value.EvaluationInterval));
}

using Hangfire;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Platform.Jobs;

namespace MonitoringCenter.Web.Audit;

/// <summary>The daily audit retention.</summary>
internal sealed class AuditJobs(IOptions<AuditOptions> audit, IOptions<StatisticsOptions> statistics) : IRecurringJobs
{
    public void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<AuditRetentionJob>(AuditRetentionJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            audit.Value.RetentionCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(statistics.Value.TimeZone) });
}

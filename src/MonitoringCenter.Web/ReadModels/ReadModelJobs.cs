using Hangfire;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Platform.Jobs;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>The scheduled refreshes: the safety net behind the change feed, and the nightly full rebuild.</summary>
internal sealed class ReadModelJobs(IOptions<RefreshOptions> refresh, IOptions<StatisticsOptions> statistics) : IRecurringJobs
{
    public void Register(IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<IncrementalRefreshJob>(IncrementalRefreshJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            RecurringSchedules.Every(refresh.Value.Interval));
        recurring.AddOrUpdate<FullRefreshJob>(FullRefreshJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            refresh.Value.NightlyFullCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(statistics.Value.TimeZone) });
    }
}

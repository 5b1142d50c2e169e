using Hangfire;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Configuration;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Jobs;

/// <summary>
/// The recurring jobs, by explicit id. Every node registers them when its job server starts;
/// registering again only updates a changed schedule, so the last node deployed sets it.
/// </summary>
public sealed class RecurringSchedules(IRecurringJobManager recurring, IOptions<RefreshOptions> refresh, IOptions<AlertOptions> alerts, IOptions<StatisticsOptions> statistics)
{
    public void Register()
    {
        recurring.AddOrUpdate<IncrementalRefreshJob>(IncrementalRefreshJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            Every(refresh.Value.Interval));
        recurring.AddOrUpdate<FullRefreshJob>(FullRefreshJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            refresh.Value.NightlyFullCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(statistics.Value.TimeZone) });
        recurring.AddOrUpdate<AlertEvaluationJob>(AlertEvaluationJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            Every(alerts.Value.EvaluationInterval));
    }

    private static string Every(TimeSpan interval) =>
        CronSchedule.Every(interval) ?? throw new InvalidOperationException($"No cron schedule says every {interval}."); // Validated at start-up.
}

using Hangfire;

namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>
/// Every feature's recurring jobs. Every node registers them when its job server starts;
/// registering again only updates a changed schedule, so the last node deployed sets it.
/// </summary>
public sealed class RecurringSchedules(IRecurringJobManager recurring, IEnumerable<IRecurringJobs> features)
{
    public void Register()
    {
        foreach (var feature in features)
        {
            feature.Register(recurring);
        }
    }

    /// <summary>The cron expression of a fixed interval (options validate that one exists at start-up).</summary>
    public static string Every(TimeSpan interval) =>
        CronSchedule.Every(interval) ?? throw new InvalidOperationException($"No cron schedule says every {interval}.");
}

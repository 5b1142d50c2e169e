namespace MonitoringCenter.Web.Configuration;

public sealed class RefreshOptions
{
    /// <summary>How often the incremental refresh runs when nothing triggers it sooner.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cron expression (Quartz syntax, in <see cref="Platform.StatisticsOptions.TimeZone"/>) of the nightly full rebuild.</summary>
    public string NightlyFullCron { get; set; } = "0 30 2 * * ?";
}

public sealed class JobsOptions
{
    /// <summary>
    /// The Quartz scheduler's name: every node of one deployment uses the same one (that is what
    /// makes them one cluster on the shared tables).
    /// </summary>
    public string SchedulerName { get; set; } = "monitoring-center";
}

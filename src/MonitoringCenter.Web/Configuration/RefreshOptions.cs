namespace MonitoringCenter.Web.Configuration;

public sealed class RefreshOptions
{
    /// <summary>How often the incremental refresh runs when nothing triggers it sooner.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cron expression (Quartz syntax, in <see cref="StatisticsOptions.TimeZone"/>) of the nightly full rebuild.</summary>
    public string NightlyFullCron { get; set; } = "0 30 2 * * ?";
}

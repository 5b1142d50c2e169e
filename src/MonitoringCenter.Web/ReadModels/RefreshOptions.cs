namespace MonitoringCenter.Web.ReadModels;

public sealed class RefreshOptions
{
    public const string Section = "Refresh";

    /// <summary>
    /// How often the scheduled incremental refresh (the safety net behind the change feed) runs.
    /// It becomes a cron schedule aligned to the clock, so it must divide a minute (in seconds),
    /// an hour (in minutes) or a day (in hours): 30 s, 5 min, 2 h.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Cron expression of the nightly full rebuild, in <see cref="Platform.StatisticsOptions.TimeZone"/>:
    /// five fields, or six with seconds first (Hangfire's cron syntax).
    /// </summary>
    public string NightlyFullCron { get; set; } = "30 2 * * *";
}

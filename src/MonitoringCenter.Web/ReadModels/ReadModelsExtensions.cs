using MonitoringCenter.Web.Platform.Jobs;

namespace MonitoringCenter.Web.ReadModels;

public static class ReadModelsExtensions
{
    /// <summary>The refresher of the read models, their version, the change-triggered refresh and the scheduled ones.</summary>
    public static WebApplicationBuilder AddReadModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RefreshOptions>().BindConfiguration(RefreshOptions.Section)
            .Validate(o => CronSchedule.Every(o.Interval) is not null, "Refresh:Interval must divide a minute (in seconds), an hour (in minutes) or a day (in hours).")
            .Validate(o => CronSchedule.IsValid(o.NightlyFullCron), "Refresh:NightlyFullCron is not a valid cron expression (five fields, or six with seconds first).")
            .ValidateOnStart();
        builder.Services.AddSingleton<KpiRefresher>();
        builder.Services.AddSingleton<ReadModelVersion>();
        builder.Services.AddSingleton<RefreshCoordinator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RefreshCoordinator>());
        builder.Services.AddSingleton<ReadModelInvariants>();
        builder.Services.AddHostedService<InvariantWatcher>();
        builder.Services.AddSingleton<Alerts.IObservationSource, InvariantsSource>();
        builder.Services.AddTransient<IncrementalRefreshJob>();
        builder.Services.AddTransient<FullRefreshJob>();
        builder.Services.AddSingleton<IRecurringJobs, ReadModelJobs>();
        return builder;
    }
}

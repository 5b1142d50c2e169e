using MonitoringCenter.Web.Configuration;
using MonitoringCenter.Web.Platform;
using Quartz;

namespace MonitoringCenter.Web.Jobs;

public static class JobsExtensions
{
    /// <summary>Quartz, clustered on the application's PostgreSQL, with its execution history kept there too.</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RefreshOptions>().BindConfiguration("Refresh")
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), "Refresh:Interval must be at least one second.")
            .Validate(o => IsValidCron(o.NightlyFullCron), "Refresh:NightlyFullCron is not a valid Quartz cron expression.")
            .ValidateOnStart();
        var refresh = builder.Configuration.GetSection("Refresh").Get<RefreshOptions>() ?? new RefreshOptions();
        var statistics = builder.Configuration.GetSection("Statistics").Get<StatisticsOptions>() ?? new StatisticsOptions();
        var connectionString = builder.Configuration["Database:ConnectionString"] ?? new DatabaseOptions().ConnectionString;

        builder.Services.AddOptions<JobsOptions>().BindConfiguration("Jobs")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SchedulerName), "Jobs:SchedulerName is required.")
            .ValidateOnStart();
        var jobs = builder.Configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = jobs.SchedulerName);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering();
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.UseExecutionHistory();
            });
            q.AddJob<RefreshJob>(job => job.WithIdentity(RefreshJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(RefreshJob.Key)
                .WithIdentity("refresh-incremental", "read-models")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(refresh.Interval).RepeatForever()));
            q.AddTrigger(t => t.ForJob(RefreshJob.Key)
                .WithIdentity("refresh-nightly-full", "read-models")
                .UsingJobData(RefreshJob.FullKey, true)
                .WithCronSchedule(refresh.NightlyFullCron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(statistics.TimeZone))));
        });
        builder.Services.AddHostedService<SchedulerHost>();
        return builder;
    }

    private static bool IsValidCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

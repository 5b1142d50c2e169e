using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Configuration;
using Npgsql;

namespace MonitoringCenter.Web.Jobs;

public static class JobsExtensions
{
    /// <summary>Hangfire's tables live in this schema of the application's database.</summary>
    public const string Schema = "hangfire";

    public const string DashboardPath = "/jobs";

    /// <summary>
    /// Hangfire on the application's PostgreSQL: its storage, the job classes, the recurring
    /// schedules and this node's job server (<see cref="JobServerHost"/>).
    /// </summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RefreshOptions>().BindConfiguration(RefreshOptions.Section)
            .Validate(o => CronSchedule.Every(o.Interval) is not null, "Refresh:Interval must divide a minute (in seconds), an hour (in minutes) or a day (in hours).")
            .Validate(o => CronSchedule.IsValid(o.NightlyFullCron), "Refresh:NightlyFullCron is not a valid cron expression (five fields, or six with seconds first).")
            .ValidateOnStart();
        builder.Services.AddOptions<AlertOptions>()
            .Validate(o => CronSchedule.Every(o.EvaluationInterval) is not null, "Alerts:EvaluationInterval must divide a minute (in seconds), an hour (in minutes) or a day (in hours).")
            .ValidateOnStart();
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.SchedulePollingInterval >= TimeSpan.FromMilliseconds(100), "Jobs:SchedulePollingInterval must be at least 100 ms.")
            .Validate(o => o.WorkerCount is >= 1 and <= 100, "Jobs:WorkerCount must be 1..100.")
            .ValidateOnStart();

        // Storage and activator per host, registered before AddHangfire so that its defaults (the
        // process-wide JobStorage.Current and JobActivator.Current, which UsePostgreSqlStorage
        // would set) stay unused: the tests run several hosts, on several databases, in one process.
        builder.Services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(
            new DataSourceConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>()),
            new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                // JobServerHost installs the schema once our migrations ran, not this constructor at first use.
                PrepareSchemaIfNecessary = false,
                // A long full rebuild is not taken for the job of a dead worker and run a second time.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
            }));
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        builder.Services.AddTransient<IncrementalRefreshJob>();
        builder.Services.AddTransient<FullRefreshJob>();
        builder.Services.AddTransient<AlertEvaluationJob>();
        builder.Services.AddSingleton<RecurringSchedules>();
        builder.Services.AddSingleton<JobStorageReadiness>();
        builder.Services.AddHostedService<JobServerHost>();
        return builder;
    }

    /// <summary>
    /// The Hangfire dashboard at <c>/jobs</c>: jobs, recurring schedules, history, failures,
    /// "trigger now". Until sign-in exists it answers loopback requests only (401 otherwise).
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new LocalRequestsOnlyAuthorizationFilter()],
            DashboardTitle = "Monitoring Center · jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}

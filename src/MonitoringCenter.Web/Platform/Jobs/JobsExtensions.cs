using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Npgsql;

namespace MonitoringCenter.Web.Platform.Jobs;

public static class JobsExtensions
{
    /// <summary>Hangfire's tables live in this schema of the application's database.</summary>
    public const string Schema = "hangfire";

    public const string DashboardPath = "/jobs";

    /// <summary>
    /// Hangfire on the application's PostgreSQL: its storage, the recurring schedules (each feature
    /// registers its own <see cref="IRecurringJobs"/>) and this node's job server (<see cref="JobServerHost"/>).
    /// </summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
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
                // Locks are rows in hangfire.lock: one held when PostgreSQL stopped is never deleted, and no
                // node schedules recurring jobs until it counts as expired (10 min by default; seen in
                // scripts/bench/faults, scenario 1). Our jobs hold locks for seconds, the full rebuild for
                // about a minute on the demo data.
                DistributedLockTimeout = TimeSpan.FromMinutes(3),
            }));
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        builder.Services.AddSingleton<RecurringSchedules>();
        builder.Services.AddSingleton<JobStorageReadiness>();
        builder.Services.AddHostedService<JobServerHost>();
        return builder;
    }

    /// <summary>
    /// The Hangfire dashboard at <c>/jobs</c>: jobs, recurring schedules, history, failures,
    /// "trigger now". Admin only.
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // The endpoint's policy decides (Admin); Hangfire's own default filter admits loopback only.
            Authorization = [],
            DashboardTitle = "Monitoring Center · jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Accounts.Policies.Admin);
        return app;
    }
}

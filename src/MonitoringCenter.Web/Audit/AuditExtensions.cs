using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Platform.Jobs;

namespace MonitoringCenter.Web.Audit;

public static class AuditExtensions
{
    /// <summary>Audit options, the page's queries, the sealer every node runs, the daily retention job.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.RetentionMonths >= AuditChain.MinimumRetentionMonths,
                $"Audit:RetentionMonths must be at least {AuditChain.MinimumRetentionMonths} (Decree 53/2022).")
            .Validate(o => CronSchedule.IsValid(o.RetentionCron), "Audit:RetentionCron is not a cron expression.")
            .Validate(o => o.SealInterval >= TimeSpan.FromMilliseconds(100) && o.SealInterval <= TimeSpan.FromMinutes(10),
                "Audit:SealInterval must be 100 ms..10 min.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditQueries>();
        builder.Services.AddTransient<AuditRetentionJob>();
        builder.Services.AddSingleton<IRecurringJobs, AuditJobs>();
        builder.Services.AddHostedService<AuditSealer>();
        return builder;
    }

    /// <summary>The CSV export of <c>/admin/audit</c> (the page itself is a routed component).</summary>
    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapGet(AuditCsv.Path, AuditCsv.ExportAsync).RequireAuthorization(Policies.Admin);
        return app;
    }
}

using MonitoringCenter.Web.Jobs;
using Quartz;

namespace MonitoringCenter.Web.Alerts;

public static class AlertsExtensions
{
    /// <summary>Alert options, the alert queries, the evaluator and its Quartz job.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section)
            .Validate(o => o.EvaluationInterval >= TimeSpan.FromSeconds(5), "Alerts:EvaluationInterval must be at least five seconds.")
            .Validate(o => o.HoldFor >= TimeSpan.Zero && o.ClearFor >= TimeSpan.Zero, "Alerts:HoldFor and Alerts:ClearFor must not be negative.")
            .Validate(o => o.GraceDays is >= 0 and <= 366, "Alerts:GraceDays must be 0..366.")
            .Validate(o => new[] { o.BehindPace, o.BehindLastYear, o.ForecastBelowTarget, o.NoData, o.RefreshLate, o.RefreshFailing }
                .All(r => r.Critical >= r.Warning && r.Hysteresis >= 0), "Each Alerts rule needs Critical ≥ Warning and Hysteresis ≥ 0.")
            .Validate(o => o.Interruption.ShowFor > TimeSpan.Zero, "Alerts:Interruption:ShowFor must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<AlertCommands>();
        builder.Services.AddSingleton<AlertEvaluator>();
        builder.Services.AddSingleton<AlertChangeNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertChangeNotifier>());

        var interval = builder.Configuration.GetSection("Alerts").Get<AlertOptions>()?.EvaluationInterval ?? new AlertOptions().EvaluationInterval;
        // Registering the default scheduler again is additive in Quartz 4: this adds to AddJobs' scheduler.
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<AlertEvaluationJob>(job => job.WithIdentity(AlertEvaluationJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(AlertEvaluationJob.Key)
                .WithIdentity("evaluate-alerts-schedule", "alerts")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(15))
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
        });
        return builder;
    }
}

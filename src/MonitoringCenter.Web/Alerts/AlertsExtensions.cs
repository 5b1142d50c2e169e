using MonitoringCenter.Web.Platform.Jobs;

namespace MonitoringCenter.Web.Alerts;

public static class AlertsExtensions
{
    /// <summary>Alert options, queries and commands, the evaluator with its scheduled and change-triggered jobs, the console's change notices.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section)
            .Validate(o => o.EvaluationInterval >= TimeSpan.FromSeconds(5), "Alerts:EvaluationInterval must be at least five seconds.")
            .Validate(o => o.HoldFor >= TimeSpan.Zero && o.ClearFor >= TimeSpan.Zero, "Alerts:HoldFor and Alerts:ClearFor must not be negative.")
            .Validate(o => o.GraceDays is >= 0 and <= 366, "Alerts:GraceDays must be 0..366.")
            .Validate(o => new[] { o.BehindPace, o.BehindLastYear, o.ForecastBelowTarget, o.NoData, o.RefreshLate, o.RefreshFailing, o.DirectiveOverdue, o.OldCasesRising, o.HighValueUntouched }
                .All(r => r.Critical >= r.Warning && r.Hysteresis >= 0), "Each Alerts rule needs Critical ≥ Warning and Hysteresis ≥ 0.")
            .Validate(o => o.Interruption.ShowFor > TimeSpan.Zero, "Alerts:Interruption:ShowFor must be positive.")
            .Validate(o => CronSchedule.Every(o.EvaluationInterval) is not null, "Alerts:EvaluationInterval must divide a minute (in seconds), an hour (in minutes) or a day (in hours).")
            .ValidateOnStart();
        builder.Services.AddSingleton<AlertQueries>();
        builder.Services.AddSingleton<AlertCommands>();
        builder.Services.AddSingleton<AlertEvaluator>();
        builder.Services.AddTransient<AlertEvaluationJob>();
        builder.Services.AddSingleton<IRecurringJobs, AlertJobs>();
        builder.Services.AddHostedService<AlertEvaluationTrigger>();
        builder.Services.AddSingleton<AlertChangeNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertChangeNotifier>());
        return builder;
    }
}

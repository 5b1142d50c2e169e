using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Web.Directives;

public static class DirectivesExtensions
{
    /// <summary>Directive options, queries and commands, the boards' change notices, and the overdue directives as a source of the alert evaluation.</summary>
    public static WebApplicationBuilder AddDirectives(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectiveOptions>().BindConfiguration(DirectiveOptions.Section)
            .Validate(o => o.DueSoonDays is >= 1 and <= 60, "Directives:DueSoonDays must be 1..60.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DirectiveQueries>();
        builder.Services.AddSingleton<DirectiveCommands>();
        builder.Services.AddSingleton<DirectiveChangeNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DirectiveChangeNotifier>());
        builder.Services.AddSingleton<IObservationSource, DirectiveOverdueSource>();
        return builder;
    }
}

using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Watch;

public static class WatchExtensions
{
    /// <summary>The watch lists' options, queries, live view key and alert rules.</summary>
    public static WebApplicationBuilder AddWatch(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.Section)
            .Validate(o => o.HighValueThreshold > 0, "Watch:HighValueThreshold must be positive.")
            .Validate(o => o.DelayedDays > 0, "Watch:DelayedDays must be positive.")
            .Validate(o => o.TopProvinces is >= 1 and <= 34, "Watch:TopProvinces must be between 1 and 34.")
            .Validate(o => o.UntouchedDays > 0, "Watch:UntouchedDays must be positive.")
            .Validate(o => o.RisingMinimumPercent >= 0, "Watch:RisingMinimumPercent must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WatchQueries>();
        builder.Services.AddSingleton<IScreenViewFactory, WatchViewFactory>();
        builder.Services.AddSingleton<IObservationSource, WatchObservationSource>();
        return builder;
    }
}

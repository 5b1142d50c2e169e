namespace MonitoringCenter.Web.Demo;

public static class DemoExtensions
{
    /// <summary>Demo options, the demo data loader (used by <c>seed</c>) and the event simulator.</summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .Validate(o => o.Simulator.EventsPerSecond is >= 0 and <= 1000, "Demo:Simulator:EventsPerSecond must be 0..1000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DemoLoader>();
        builder.Services.AddSingleton<DemoDirectives>();
        builder.Services.AddHostedService<DemoSimulator>();
        return builder;
    }
}

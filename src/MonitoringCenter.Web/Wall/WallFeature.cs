using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Wall;

public static class WallFeature
{
    /// <summary>The national wall's queries, its view loader and its live view keys.</summary>
    public static WebApplicationBuilder AddNationalWall(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WallQueries>();
        builder.Services.AddSingleton<ChartQueries>();
        builder.Services.AddSingleton<WallViewLoader>();
        builder.Services.AddSingleton<WallCircuitFeed>();
        builder.Services.AddSingleton<IScreenViewFactory, WallViewFactory>();
        return builder;
    }
}

namespace MonitoringCenter.Web.ReadModels;

public static class ReadModelsExtensions
{
    /// <summary>The refresher of the read models and their version.</summary>
    public static WebApplicationBuilder AddReadModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KpiRefresher>();
        builder.Services.AddSingleton<ReadModelVersion>();
        return builder;
    }
}

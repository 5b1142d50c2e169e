using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Provinces;

public static class ProvincesExtensions
{
    /// <summary>Pace options, the province queries (also used by the alert rules) and the province screens' view keys.</summary>
    public static WebApplicationBuilder AddProvinces(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaceOptions>().BindConfiguration(PaceOptions.Section)
            .Validate(o => Enum.IsDefined(o.Model), "Pace:Model must be LastYearCurve or Linear.")
            .Validate(o => o.TolerancePoints >= 0 && o.LaggingPoints >= o.TolerancePoints, "Pace:LaggingPoints must be at least Pace:TolerancePoints (both ≥ 0).")
            .Validate(o => o.NoDataAfter > TimeSpan.Zero, "Pace:NoDataAfter must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ProvinceQueries>();
        builder.Services.AddSingleton<IScreenViewFactory, ProvinceViewFactory>();
        return builder;
    }
}

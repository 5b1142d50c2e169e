namespace MonitoringCenter.Web.Reports;

public static class ReportsExtensions
{
    /// <summary>The reports' history and calendar (<c>/reports</c>).</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportQueries>();
        return builder;
    }
}

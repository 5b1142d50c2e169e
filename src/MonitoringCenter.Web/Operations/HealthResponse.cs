using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MonitoringCenter.Web.Operations;

/// <summary>
/// The health endpoints' body: the overall status and each check's status and a short
/// description. Exception messages are left out (they may name hosts, ports or users).
/// </summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = Describe(e.Value),
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    private static string Describe(HealthReportEntry entry) => entry switch
    {
        { Exception: OperationCanceledException } => "no answer in time",
        { Exception: not null } => "failed: " + entry.Exception.GetType().Name,
        { Description: { } description } => description,
        _ => entry.Status == HealthStatus.Healthy ? "ok" : "failed",
    };
}

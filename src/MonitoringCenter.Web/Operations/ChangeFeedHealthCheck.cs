using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Operations;

/// <summary>This node's LISTEN connection is open: without it, its screens would not hear of new versions.</summary>
public sealed class ChangeFeedHealthCheck(ChangeFeedListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.Connected
            ? HealthCheckResult.Healthy("listening")
            : HealthCheckResult.Unhealthy("not connected"));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Operations;

/// <summary>Changes do not wait for a refresh longer than <see cref="OperationsOptions.RefreshLagBound"/>.</summary>
public sealed class RefreshLagHealthCheck(OperationsQueries queries, TimeProvider time, IOptions<OperationsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await queries.RefreshStateAsync(cancellationToken);
        var age = state.LastRefresh is { } last ? time.GetUtcNow() - last : (TimeSpan?)null;
        var bound = options.Value.RefreshLagBound;
        if (!state.Pending)
        {
            return HealthCheckResult.Healthy("nothing waits for a refresh");
        }
        return age is { } lag && lag <= bound
            ? HealthCheckResult.Healthy($"last refresh {lag.TotalSeconds:0} s ago")
            : HealthCheckResult.Unhealthy(age is { } old ? $"changes waiting; last refresh {old.TotalSeconds:0} s ago (bound {bound.TotalSeconds:0} s)" : "changes waiting; no refresh yet");
    }
}

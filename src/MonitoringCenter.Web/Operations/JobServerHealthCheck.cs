using Microsoft.Extensions.Diagnostics.HealthChecks;
using MonitoringCenter.Web.Platform.Jobs;

namespace MonitoringCenter.Web.Operations;

/// <summary>This node's Hangfire server is registered in the job store and beating.</summary>
public sealed class JobServerHealthCheck(OperationsQueries queries, JobStorageReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.Ready.IsCompleted)
        {
            return HealthCheckResult.Unhealthy("job server not started yet");
        }
        var nodes = await queries.NodesAsync(cancellationToken);
        return nodes.Any(n => n.Alive && n.ThisProcess)
            ? HealthCheckResult.Healthy($"{nodes.Count(n => n.Alive)} job server(s) alive")
            : HealthCheckResult.Unhealthy("this node's job server has no recent heartbeat");
    }
}

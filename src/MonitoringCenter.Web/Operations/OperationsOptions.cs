namespace MonitoringCenter.Web.Operations;

/// <summary>Health checks, metrics and the operator page (<c>/admin/operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>
    /// <c>/health/ready</c> fails when changes wait for a refresh and the last refresh finished
    /// longer ago than this. The safety-net refresh runs every <c>Refresh:Interval</c> (30 s), so a
    /// few intervals without one mean refreshes are failing. A quiet database (nothing pending) stays ready.
    /// </summary>
    public TimeSpan RefreshLagBound { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Each readiness check gives up after this long: a database that does not answer within it
    /// counts as down, so <c>/health/ready</c> turns unhealthy quickly rather than hanging.
    /// </summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the operator page's history takes a sample.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How much history the operator page keeps (in memory, per node).</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>OTLP export of the metrics; off unless an endpoint is given (or OTEL_EXPORTER_OTLP_ENDPOINT is set).</summary>
    public OtlpOptions Otlp { get; set; } = new();
}

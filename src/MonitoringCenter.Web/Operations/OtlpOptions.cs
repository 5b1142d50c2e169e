namespace MonitoringCenter.Web.Operations;

public sealed class OtlpOptions
{
    /// <summary>The collector's address, e.g. <c>http://127.0.0.1:4317</c>; empty: no OTLP export.</summary>
    public string? Endpoint { get; set; }
}

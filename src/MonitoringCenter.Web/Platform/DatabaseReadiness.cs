namespace MonitoringCenter.Web.Platform;

/// <summary>Completes once this node has applied the migrations, for writers that must not run before.</summary>
public sealed class DatabaseReadiness : Readiness;

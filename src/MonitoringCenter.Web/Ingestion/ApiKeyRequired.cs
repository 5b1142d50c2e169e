namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// Endpoint metadata: the endpoint is for source systems and needs an API key, checked by
/// <see cref="ApiKeyMiddleware"/> (401/403 problem details), instead of a person's session.
/// </summary>
public sealed class ApiKeyRequired;

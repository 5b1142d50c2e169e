namespace MonitoringCenter.Web.Audit;

/// <summary>One audit row as the page and the export show it; <see cref="Detail"/> is the JSON text.</summary>
public sealed record AuditEntry(long Id, DateTime At, string Actor, string Action, string? Subject, string? ProvinceCode, string? ProvinceName,
    string Detail, string? RemoteIp)
{
    public DateTimeOffset Instant => new(DateTime.SpecifyKind(At, DateTimeKind.Utc));
}

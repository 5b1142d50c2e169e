namespace MonitoringCenter.Web.Fleet;

/// <summary>A paired screen as the fleet page lists it: who it is and what it last reported.</summary>
public sealed record ScreenSummary(
    Guid Id,
    string Name,
    string Room,
    string StartView,
    string PairedBy,
    DateTimeOffset PairedAt,
    DateTimeOffset? LastSeenAt,
    string? CurrentView,
    string? BuildVersion,
    string? Viewport,
    long? UptimeSeconds,
    string[] Errors,
    bool Online);

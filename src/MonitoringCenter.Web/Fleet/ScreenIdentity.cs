namespace MonitoringCenter.Web.Fleet;

/// <summary>The paired screen a credential belongs to.</summary>
public sealed record ScreenIdentity(Guid Id, string Name, string Room, string StartView);

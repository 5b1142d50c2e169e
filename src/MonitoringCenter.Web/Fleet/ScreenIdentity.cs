namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// The paired screen a credential belongs to; <paramref name="IssuedAt"/> is when that credential was
/// issued, and <paramref name="Current"/> false when it is the one just replaced (still in its grace).
/// </summary>
public sealed record ScreenIdentity(Guid Id, string Name, string Room, string StartView, DateTimeOffset? IssuedAt = null, bool Current = true);

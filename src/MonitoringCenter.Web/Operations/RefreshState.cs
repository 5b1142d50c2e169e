namespace MonitoringCenter.Web.Operations;

/// <summary>When the last refresh finished, and whether changes are waiting for the next one.</summary>
public sealed record RefreshState(DateTimeOffset? LastRefresh, bool Pending);

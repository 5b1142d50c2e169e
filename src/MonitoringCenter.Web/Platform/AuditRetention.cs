namespace MonitoringCenter.Web.Platform;

/// <summary>What one retention pass removed: rows older than <paramref name="Before"/>, up to the chain's new first row (null when nothing was removed).</summary>
public sealed record AuditRetention(long Deleted, DateTimeOffset Before, long? AnchorSeq, long? AnchorId);

namespace MonitoringCenter.Web.Audit;

/// <summary>One page of the audit list, newest first, and whether an older page follows.</summary>
public sealed record AuditPageOfEntries(IReadOnlyList<AuditEntry> Entries, int Page, bool HasNext);

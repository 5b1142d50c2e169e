namespace MonitoringCenter.Web.Platform;

/// <summary>The first link of the audit chain that does not hold: the row (its id and place in the chain) and what is wrong.</summary>
public sealed record AuditChainBreak(long Id, long Seq, string Problem);

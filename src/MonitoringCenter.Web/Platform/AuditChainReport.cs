namespace MonitoringCenter.Web.Platform;

/// <summary>
/// What <see cref="AuditChain.VerifyAsync"/> found: how many chained rows it checked (up to the first
/// break), how many rows were not chained yet, the chain's first kept row when retention deleted the
/// ones before it, and the first break (null: the chain is intact).
/// </summary>
public sealed record AuditChainReport(long Verified, long Unsealed, long? AnchorSeq, AuditChainBreak? Break)
{
    public bool Intact => Break is null;
}

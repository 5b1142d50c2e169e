using Hangfire;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Audit;

/// <summary>
/// Deletes audit rows older than <see cref="AuditOptions.RetentionMonths"/>, daily. Running it twice
/// deletes nothing the second time; the chain's start moves forward and the retention's own audit
/// row records the new anchor.
/// </summary>
public sealed partial class AuditRetentionJob(AuditChain chain, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditRetentionJob> logger)
{
    public const string RecurringId = "audit-retention";

    [JobDisplayName("Audit retention")]
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddMonths(-Math.Max(options.Value.RetentionMonths, AuditChain.MinimumRetentionMonths));
        var result = await chain.DeleteOlderThanAsync(before, cancellationToken);
        if (result.Deleted > 0)
        {
            LogDeleted(logger, result.Deleted, result.Before, result.AnchorId);
        }
        return FormattableString.Invariant($"{result.Deleted} rows older than {result.Before:yyyy-MM-dd HH:mm}Z deleted; chain anchor: {(result.AnchorId is { } id ? $"row {id}" : "unchanged")}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention deleted {Deleted} rows older than {Before}; the chain now starts at row {AnchorId}")]
    private static partial void LogDeleted(ILogger logger, long deleted, DateTimeOffset before, long? anchorId);
}

using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Audit;

/// <summary>
/// <c>MonitoringCenter.Web audit verify</c>: chains what is not chained yet, then walks the audit
/// chain and prints how many rows it verified and the first broken link, or "chain intact".
/// Exit code 0 intact, 1 broken, 2 usage.
/// </summary>
public static class AuditCommand
{
    private const string Usage = "usage: audit verify";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args is not ["verify"])
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        await services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        var chain = services.GetRequiredService<AuditChain>();
        await chain.SealAsync(cancellationToken);
        var report = await chain.VerifyAsync(cancellationToken);
        await output.WriteLineAsync(Describe(report));
        return report.Intact ? 0 : 1;
    }

    public static string Describe(AuditChainReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var start = report.AnchorSeq is { } anchor ? FormattableString.Invariant($" (from seq {anchor}, the anchor kept by retention)") : "";
        var unsealed = report.Unsealed > 0 ? FormattableString.Invariant($"; {report.Unsealed} newer rows not chained yet") : "";
        return report.Break is { } broken
            ? FormattableString.Invariant($"{report.Verified} rows verified{start}; first broken link: row id {broken.Id} (seq {broken.Seq}): {broken.Problem}{unsealed}")
            : FormattableString.Invariant($"{report.Verified} rows verified{start}: chain intact{unsealed}");
    }
}

namespace MonitoringCenter.Web.Model;

/// <summary>
/// Where a province's figures at the point come from when they come from its statistical reports:
/// the effective report's version, its period end and when it arrived, and for an official report
/// that replaced a preliminary one, what changed (official minus preliminary; the official one's
/// arrival is when).
/// </summary>
public sealed record ReportVersion(bool Official, DateOnly PeriodEnd, DateTimeOffset ReceivedAt, Indicators? Revision)
{
    public string Word => Official ? "chính thức" : "sơ bộ";

    /// <summary>The snapshot API's word: preliminary or official.</summary>
    public string Name => Official ? "official" : "preliminary";

    /// <summary>"điều chỉnh so với số sơ bộ: −992 việc, +1,2 tỷ đồng", or null without a revision.</summary>
    public string? RevisionText => Revision is { } r
        ? $"điều chỉnh so với số sơ bộ: {VietnameseFormat.SignedCount(r.CasesCompleted)} việc, {VietnameseFormat.SignedMoney(r.MoneyCollected)}"
        : null;
}

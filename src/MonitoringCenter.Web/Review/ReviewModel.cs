using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Review;

/// <summary>
/// Where a province's figures at the point come from when they come from its statistical reports:
/// the effective report's version, its period end and when it arrived, and for an official report
/// that replaced a preliminary one, what changed (official minus preliminary).
/// </summary>
public sealed record ReportVersion(bool Official, DateOnly PeriodEnd, DateTimeOffset ReceivedAt, Indicators? Revision)
{
    public string Word => Official ? "chính thức" : "sơ bộ";

    /// <summary>"điều chỉnh so với số sơ bộ: −992 việc, +1,2 tỷ đồng", or null without a revision.</summary>
    public string? RevisionText => Revision is { } r
        ? $"điều chỉnh so với số sơ bộ: {VietnameseFormat.SignedCount(r.CasesCompleted)} việc, {VietnameseFormat.SignedMoney(r.MoneyCollected)}"
        : null;
}

/// <summary>One province at the point, with what the review table needs beside its progress.</summary>
public sealed record ReviewProvince(
    UnitProgress Progress,
    bool CentrallyRun,
    IReadOnlyDictionary<Category, Indicators> Categories,
    ReportVersion? Report)
{
    public string Code => Progress.Code;

    public string Name => Progress.Name;
}

/// <summary>
/// A meeting's figures, frozen when loaded: the nation at the point, at the previous month-end and
/// (inside <see cref="NationalSnapshot"/>) at the same date last year, with the targets; the 34
/// provinces; and the statistical reports behind report-based figures.
/// </summary>
public sealed record ReviewModel(
    ReviewPoint Point,
    DateTimeOffset FrozenAt,
    NationalSnapshot National,
    NationalSnapshot? PreviousMonth,
    IReadOnlyList<ReviewProvince> Provinces)
{
    public bool HasData => National.HasData;

    /// <summary>Report-based provinces at the point (versions said out loud), worst first.</summary>
    public IEnumerable<ReviewProvince> FromReports => Provinces.Where(p => p.Report is not null);
}

using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Review;

/// <summary>One province at the point, with what the review table needs beside its progress.</summary>
public sealed record ReviewProvince(
    UnitProgress Progress,
    bool CentrallyRun,
    IReadOnlyDictionary<Category, Indicators> Categories)
{
    /// <summary>The report the figures come from, for a province counted from its reports.</summary>
    public ReportVersion? Report => Progress.Source is { FromReports: true } source ? source.Report : null;

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

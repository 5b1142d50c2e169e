namespace MonitoringCenter.Web.Model;

/// <summary>
/// The cumulative indicators of one unit and category (or their sum) as of one day. Rates are
/// computed here from the counts, never stored.
/// </summary>
public sealed record Indicators(
    long CasesToEnforce,
    long CasesWithConditions,
    long CasesCompleted,
    long MoneyToEnforce,
    long MoneyWithConditions,
    long MoneyCollected)
{
    public static Indicators Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public decimal? CaseRate => Rate.Of(CasesCompleted, CasesWithConditions);

    public decimal? MoneyRate => Rate.Of(MoneyCollected, MoneyWithConditions);

    public Indicators Minus(Indicators other) => new(
        CasesToEnforce - other.CasesToEnforce,
        CasesWithConditions - other.CasesWithConditions,
        CasesCompleted - other.CasesCompleted,
        MoneyToEnforce - other.MoneyToEnforce,
        MoneyWithConditions - other.MoneyWithConditions,
        MoneyCollected - other.MoneyCollected);

    public Indicators Plus(Indicators other) => new(
        CasesToEnforce + other.CasesToEnforce,
        CasesWithConditions + other.CasesWithConditions,
        CasesCompleted + other.CasesCompleted,
        MoneyToEnforce + other.MoneyToEnforce,
        MoneyWithConditions + other.MoneyWithConditions,
        MoneyCollected + other.MoneyCollected);
}

/// <summary>The national picture on one day: every category, and the same day one statistical year earlier.</summary>
public sealed record NationalSnapshot(
    int Year,
    DateOnly RequestedAsOf,
    DateOnly? AsOf,
    IReadOnlyDictionary<Category, Indicators> Categories,
    DateOnly? LastYearAsOf,
    IReadOnlyDictionary<Category, Indicators> LastYearCategories,
    decimal? CaseTarget,
    decimal? MoneyTarget,
    DateTimeOffset? RefreshedAt)
{
    /// <summary>The case rate the target's trajectory expects by <see cref="AsOf"/>; null once the year is over (then the target itself applies).</summary>
    public decimal? CaseExpected { get; init; }

    /// <summary>The money rate the target's trajectory expects by <see cref="AsOf"/>; null once the year is over.</summary>
    public decimal? MoneyExpected { get; init; }

    /// <summary>How many provinces count from their statistical reports (no case-level data this year).</summary>
    public int ProvincesFromReports { get; init; }

    /// <summary>The report-based provinces' report versions at this day, by province code (empty when none).</summary>
    public IReadOnlyDictionary<string, FigureSource> ReportSources { get; init; } = new Dictionary<string, FigureSource>();

    public int ReportsOfficial => ReportSources.Values.Count(s => s.Report is { Official: true });

    public int ReportsPreliminary => ReportSources.Values.Count(s => s.Report is { Official: false });

    public int ReportsMissing => ReportSources.Values.Count(s => s.NotReported);

    /// <summary>What the official reports changed from the preliminary ones, summed; null when none was revised.</summary>
    public Indicators? Revision => ReportSources.Values.Select(s => s.Report?.Revision).OfType<Indicators>()
        .Aggregate((Indicators?)null, (sum, next) => (sum ?? Indicators.Zero).Plus(next));

    public bool HasData => AsOf is not null;

    public Indicators Total => Sum(Categories);

    public Indicators LastYearTotal => Sum(LastYearCategories);

    public bool HasLastYear => LastYearAsOf is not null;

    public Indicators Of(Category category) => Categories.GetValueOrDefault(category, Indicators.Zero);

    public Indicators LastYearOf(Category category) => LastYearCategories.GetValueOrDefault(category, Indicators.Zero);

    private static Indicators Sum(IReadOnlyDictionary<Category, Indicators> categories) =>
        categories.Values.Aggregate(Indicators.Zero, (sum, next) => sum.Plus(next));
}

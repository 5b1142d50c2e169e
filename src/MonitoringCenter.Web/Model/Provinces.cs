namespace MonitoringCenter.Web.Model;

/// <summary>One unit (province or regional office) against its targets and pace on one day.</summary>
public sealed record UnitProgress(
    string Code,
    string Name,
    Indicators Current,
    Indicators? LastYear,
    PaceResult Cases,
    PaceResult Money,
    PaceStatus Status,
    int Rank,
    int? PreviousRank,
    IReadOnlyList<decimal?> Trend,
    IReadOnlyList<decimal?> TrendExpected,
    DateTimeOffset? LastDataAt,
    bool NoRecentData,
    FigureSource? Source = null)
{
    /// <summary>Positive when the unit moved up the ranking since a month earlier.</summary>
    public int? RankChange => PreviousRank is { } previous ? previous - Rank : null;

    public decimal? LastYearCaseRate => LastYear?.CaseRate;

    public decimal? LastYearMoneyRate => LastYear?.MoneyRate;
}

/// <summary>All provinces on one day, already in the order the screen shows them.</summary>
public sealed record ProvinceBoard(
    int Year,
    DateOnly RequestedAsOf,
    DateOnly? AsOf,
    DateOnly? RankComparedWith,
    IReadOnlyList<UnitProgress> Provinces,
    DateTimeOffset? RefreshedAt)
{
    public bool HasData => AsOf is not null;
}

/// <summary>A point of a cumulative trend chart: the rate, its target trajectory and last year on the same day.</summary>
public sealed record TrendPoint(DateOnly Day, decimal? Rate, decimal? Expected, decimal? LastYear);

public sealed record TargetVersion(int Year, string? ProvinceCode, decimal CaseRate, decimal MoneyRate, string Source, DateOnly SetOn, DateTimeOffset SetAt);

/// <summary>One province in detail: its offices, categories, trends and targets.</summary>
public sealed record ProvinceDetail(
    int Year,
    DateOnly RequestedAsOf,
    DateOnly? AsOf,
    UnitProgress Province,
    IReadOnlyList<UnitProgress> Offices,
    IReadOnlyDictionary<Category, Indicators> Categories,
    IReadOnlyDictionary<Category, Indicators> LastYearCategories,
    IReadOnlyList<TrendPoint> CaseTrend,
    IReadOnlyList<TrendPoint> MoneyTrend,
    IReadOnlyList<TargetVersion> TargetHistory,
    DateTimeOffset? RefreshedAt);

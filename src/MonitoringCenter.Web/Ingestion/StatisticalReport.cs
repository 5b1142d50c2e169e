namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// A cumulative statistical report of a province (or one of its regional offices) from the start
/// of a statistical year to the end of a period: the body of <c>POST /api/v1/reports</c> as JSON
/// (the CSV form carries the same fields, one line per category).
/// </summary>
public sealed record StatisticalReport
{
    public string? Province { get; init; }

    /// <summary>Optional: a regional office of <see cref="Province"/>; absent for the whole province.</summary>
    public string? Office { get; init; }

    public int? StatYear { get; init; }

    /// <summary>The period as months since the year's start (1..12; 6 = the first six months). Give this or <see cref="PeriodEnd"/>.</summary>
    public int? Months { get; init; }

    /// <summary>The period's last day (yyyy-MM-dd) inside the statistical year. Give this or <see cref="Months"/>.</summary>
    public string? PeriodEnd { get; init; }

    /// <summary>preliminary or official. The latest official report of a unit and period replaces every earlier one.</summary>
    public string? Version { get; init; }

    public IReadOnlyList<ReportCategory?>? Categories { get; init; }
}

/// <summary>The indicators of one category, cumulative to the period's end. Counts of cases; money in whole đồng.</summary>
public sealed record ReportCategory
{
    /// <summary>corruption-economic, credit-banking, administrative or other.</summary>
    public string? Category { get; init; }

    public long? CasesToEnforce { get; init; }

    public long? CasesWithConditions { get; init; }

    public long? CasesCompleted { get; init; }

    public long? MoneyToEnforce { get; init; }

    public long? MoneyWithConditions { get; init; }

    public long? MoneyCollected { get; init; }
}

public enum ReportStatus
{
    Stored,
    Invalid,
    Forbidden,
}

/// <param name="Effective">Whether this report is now the one used for its unit and period (false for a preliminary one when an official exists).</param>
public sealed record ReportResult(ReportStatus Status, long? Id, bool Effective, DateOnly? PeriodEnd,
    IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<string> ForbiddenProvinces);

namespace MonitoringCenter.Web.Model;

/// <summary>
/// A report's six indicator sums as a query reads them (<c>IndicatorColumns</c>, summed over its lines): null
/// for a report without lines. The base of the rows that read reports, so the columns are named once.
/// </summary>
public class ReportSums
{
    public long? CasesToEnforce { get; init; }
    public long? CasesWithConditions { get; init; }
    public long? CasesCompleted { get; init; }
    public long? MoneyToEnforce { get; init; }
    public long? MoneyWithConditions { get; init; }
    public long? MoneyCollected { get; init; }

    /// <summary>The sums, a report without lines counting zero.</summary>
    public Indicators Totals() => new(CasesToEnforce ?? 0, CasesWithConditions ?? 0, CasesCompleted ?? 0,
        MoneyToEnforce ?? 0, MoneyWithConditions ?? 0, MoneyCollected ?? 0);
}

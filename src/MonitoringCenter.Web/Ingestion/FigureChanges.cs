using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>One office's figures for one category on one day of a statistical year.</summary>
public readonly record struct FigureKey(int Year, string Province, string Office, Category Category, DateOnly Day);

/// <summary>
/// What a batch of events changes in the daily figures: each touched case's old rows counted out,
/// its new rows counted in, per office, category and day. The refresh adds these differences to
/// the cumulative read-model rows from their day on instead of recounting every case of the day.
/// A case row counts exactly as the refresh's own recount (<c>KpiRefreshSql.Office</c>) counts it:
/// accepted on its acceptance day; with conditions on its classification day; completed on its
/// completion day when it has conditions; each payment on its day.
/// </summary>
public sealed class FigureChanges
{
    private readonly Dictionary<FigureKey, Indicators> _changes = [];

    public void CountIn(CaseYearRow row) => Count(row, 1);

    public void CountOut(CaseYearRow row) => Count(row, -1);

    /// <summary>The changes that are not zero (a case's old and new rows often cancel out on most days).</summary>
    public IReadOnlyList<(FigureKey Key, Indicators Change)> NonZero() =>
        [.. _changes.Where(c => c.Value != Indicators.Zero).Select(c => (c.Key, c.Value))];

    private void Count(CaseYearRow row, int sign)
    {
        Add(row, row.AcceptedOn, new Indicators(sign, 0, 0, sign * row.AmountToEnforce, 0, 0));
        if (row.Condition == Condition.WithConditions)
        {
            if (row.ClassifiedOn is { } classified)
            {
                Add(row, classified, new Indicators(0, sign, 0, 0, sign * row.AmountWithConditions, 0));
            }
            if (row.CompletedOn is { } completed)
            {
                Add(row, completed, new Indicators(0, 0, sign, 0, 0, 0));
            }
        }
        foreach (var payment in row.Payments)
        {
            Add(row, payment.On, new Indicators(0, 0, 0, 0, 0, sign * payment.Amount));
        }
    }

    private void Add(CaseYearRow row, DateOnly day, Indicators change)
    {
        var key = new FigureKey(row.Year, row.Province, row.Office, row.Category, day);
        _changes[key] = _changes.TryGetValue(key, out var known) ? known.Plus(change) : change;
    }
}

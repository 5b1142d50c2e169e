using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Watch;

/// <summary>
/// Open cases over a year old at each month-end of a statistical year up to its "as of" day (and on
/// that day when it ends no month), per unit and in total. Counts only.
/// </summary>
/// <param name="Days">The days measured, oldest first: the month-ends, then the "as of" day.</param>
/// <param name="Total">The scope's count on each day (the nation, or the province).</param>
/// <param name="Units">Each unit's count on each day, by unit code.</param>
public sealed record OldCaseTrend(IReadOnlyList<DateOnly> Days, IReadOnlyList<long> Total, IReadOnlyDictionary<string, IReadOnlyList<long>> Units)
{
    public static OldCaseTrend Empty { get; } = new([], [], new Dictionary<string, IReadOnlyList<long>>());

    /// <summary>The month-ends of <paramref name="year"/> before <paramref name="asOf"/>, then <paramref name="asOf"/> itself.</summary>
    public static IReadOnlyList<DateOnly> DaysOf(StatisticalYear year, DateOnly asOf)
    {
        var last = year.Clamp(asOf);
        var days = new List<DateOnly>();
        for (var first = year.Start; ; first = first.AddMonths(1))
        {
            var end = first.AddMonths(1).AddDays(-1);
            if (end >= last)
            {
                break;
            }
            days.Add(end);
        }
        days.Add(last);
        return days;
    }

    public IReadOnlyList<long> Of(string code) => Units.GetValueOrDefault(code) ?? [.. Days.Select(_ => 0L)];
}

namespace MonitoringCenter.Web.Model;

/// <summary>
/// Monthly reports, cumulative from the year's start: the period of "N tháng" ends on the year's
/// N-th month-end, and a report is due a number of days after its period's end.
/// </summary>
public static class ReportingCalendar
{
    /// <summary>The month-ends of the year up to <paramref name="until"/>, in order.</summary>
    public static IEnumerable<DateOnly> PeriodEnds(StatisticalYear year, DateOnly until)
    {
        for (var months = 1; months <= 12; months++)
        {
            var first = year.Start.AddMonths(months - 1);
            var end = new DateOnly(first.Year, first.Month, DateTime.DaysInMonth(first.Year, first.Month));
            if (end > until)
            {
                yield break;
            }
            yield return end;
        }
    }

    /// <summary>
    /// The period a report-based province should have reported for the figures of <paramref name="asOf"/>:
    /// the latest month-end by then whose deadline (<paramref name="deadlineDays"/> after it) has passed
    /// <paramref name="today"/>; null when none has.
    /// </summary>
    public static DateOnly? Due(StatisticalYear year, DateOnly asOf, DateOnly today, int deadlineDays) =>
        PeriodEnds(year, asOf).Where(end => end.AddDays(deadlineDays) < today).Select(end => (DateOnly?)end).LastOrDefault();

    /// <summary>When a period's report is late after.</summary>
    public static DateOnly Deadline(DateOnly periodEnd, int deadlineDays) => periodEnd.AddDays(deadlineDays);
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MonitoringCenter.Web.Model;

/// <summary>
/// What a screen shows: the running statistical year up to today (<see cref="Live"/>), or a
/// fixed year and "as of" day. Read once from <c>?year=</c> and <c>?asOf=</c>; the same value
/// goes to the queries, the links that keep the period, and the key of the screen's live view.
/// </summary>
public sealed record ReportingPeriod
{
    private ReportingPeriod(int? year, DateOnly? asOf)
    {
        FixedYear = year;
        FixedAsOf = asOf;
    }

    public static ReportingPeriod Live { get; } = new(null, null);

    public static ReportingPeriod Fixed(StatisticalYear year, DateOnly asOf) => new(year.Year, year.Clamp(asOf));

    public int? FixedYear { get; }

    public DateOnly? FixedAsOf { get; }

    public bool IsLive => FixedYear is null;

    /// <summary>The query string that keeps this period when following a link ("" for the live view).</summary>
    public string Query => IsLive ? "" : string.Create(CultureInfo.InvariantCulture, $"?year={FixedYear}&asOf={FixedAsOf:yyyy-MM-dd}");

    /// <summary>The year and day shown, given today (a live period moves with it).</summary>
    public (StatisticalYear Year, DateOnly AsOf) Resolve(DateOnly today, int yearStartMonth) =>
        FixedYear is { } year && FixedAsOf is { } asOf
            ? (new StatisticalYear(year, yearStartMonth), asOf)
            : (StatisticalYear.Containing(today, yearStartMonth), today);

    /// <summary>
    /// Reads <c>?year=</c> and <c>?asOf=</c>: neither means live; only a year means that year up to
    /// today (or its end); only a day means the year containing it. A problem is a sentence for the screen.
    /// </summary>
    public static bool TryParse(string? yearText, string? asOfText, DateOnly today, int yearStartMonth,
        [NotNullWhen(true)] out ReportingPeriod? period, out string? problem)
    {
        period = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(yearText) && string.IsNullOrWhiteSpace(asOfText))
        {
            period = Live;
            return true;
        }
        var year = StatisticalYear.Containing(today, yearStartMonth);
        DateOnly? requested = null;
        if (!string.IsNullOrWhiteSpace(asOfText))
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year is < 2000 or > 2100)
            {
                problem = $"Ngày \"{asOfText}\" không hợp lệ: dùng dạng năm-tháng-ngày, ví dụ asOf=2025-09-30.";
                return false;
            }
            requested = parsed;
            year = StatisticalYear.Containing(parsed, yearStartMonth);
        }
        if (!string.IsNullOrWhiteSpace(yearText))
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
            {
                problem = $"Năm thống kê \"{yearText}\" không hợp lệ: dùng số năm, ví dụ year=2025.";
                return false;
            }
            year = new StatisticalYear(y, yearStartMonth);
        }
        period = Fixed(year, requested ?? (today < year.End ? today : year.End));
        return true;
    }
}

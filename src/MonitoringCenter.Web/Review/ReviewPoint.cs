using System.Globalization;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Review;

/// <summary>
/// The point a meeting reviews: a statistical year and the day its figures are frozen at, either a
/// month-end of the year ("6 tháng" = the end of the year's sixth month) or any day of it.
/// </summary>
public sealed record ReviewPoint(StatisticalYear Year, DateOnly AsOf)
{
    /// <summary>The month-end of the year's <paramref name="months"/>-th month (1..12).</summary>
    public static ReviewPoint MonthEnd(StatisticalYear year, int months)
    {
        var first = year.Start.AddMonths(months - 1);
        return new ReviewPoint(year, new DateOnly(first.Year, first.Month, DateTime.DaysInMonth(first.Year, first.Month)));
    }

    /// <summary>How many months of the year end on <see cref="AsOf"/>, or null when it is no month-end.</summary>
    public int? Months
    {
        get
        {
            if (AsOf.AddDays(1).Day != 1)
            {
                return null;
            }
            var months = (AsOf.Year - Year.Start.Year) * 12 + AsOf.Month - Year.Start.Month + 1;
            return months is >= 1 and <= 12 ? months : null;
        }
    }

    /// <summary>"12 tháng năm 2025", or "đến 15/08/2025 (năm 2025)".</summary>
    public string Label => Months is { } m
        ? $"{m} tháng năm thống kê {Year.Year}"
        : $"đến ngày {VietnameseFormat.Date(AsOf)} (năm thống kê {Year.Year})";

    /// <summary>The month-end before this point, in the same year; null in the year's first month.</summary>
    public ReviewPoint? PreviousMonthEnd
    {
        get
        {
            var end = new DateOnly(AsOf.Year, AsOf.Month, 1).AddDays(-1);
            return end >= Year.Start ? this with { AsOf = end } : null;
        }
    }

    /// <summary>The query string that names this point (<c>year=2025&amp;point=12</c> or <c>year=2025&amp;point=2025-08-15</c>).</summary>
    public string Query => "year=" + Year.Year.ToString(CultureInfo.InvariantCulture) + "&point="
        + (Months is { } m ? m.ToString(CultureInfo.InvariantCulture) : AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>
    /// Reads a point as the page and the export take it; without one, the latest month-end of the
    /// current year (or its first month-end when the year has none yet).
    /// </summary>
    public static bool TryRead(string? yearText, string? pointText, DateOnly today, int yearStartMonth, out ReviewPoint point, out string? problem)
    {
        problem = null;
        var current = StatisticalYear.Containing(today, yearStartMonth);
        var year = current;
        if (!string.IsNullOrWhiteSpace(yearText))
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 2000 || y > current.Year)
            {
                point = Latest(current, today);
                problem = $"Năm thống kê \"{yearText}\" không hợp lệ: cần một năm từ 2000 đến {current.Year}.";
                return false;
            }
            year = new StatisticalYear(y, yearStartMonth);
        }
        if (string.IsNullOrWhiteSpace(pointText))
        {
            point = year == current ? Latest(current, today) : MonthEnd(year, 12);
            return true;
        }
        if (int.TryParse(pointText, NumberStyles.None, CultureInfo.InvariantCulture, out var months))
        {
            if (months is < 1 or > 12)
            {
                point = year == current ? Latest(current, today) : MonthEnd(year, 12);
                problem = $"Kỳ \"{pointText}\" không hợp lệ: cần số tháng từ 1 đến 12, hoặc một ngày (yyyy-MM-dd).";
                return false;
            }
            point = MonthEnd(year, months);
            return true;
        }
        if (DateOnly.TryParseExact(pointText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && year.Contains(date))
        {
            point = new ReviewPoint(year, date);
            return true;
        }
        point = year == current ? Latest(current, today) : MonthEnd(year, 12);
        problem = $"Kỳ \"{pointText}\" không hợp lệ: cần số tháng từ 1 đến 12, hoặc một ngày của năm thống kê {year.Year} "
            + $"({VietnameseFormat.Date(year.Start)}–{VietnameseFormat.Date(year.End)}), dạng yyyy-MM-dd.";
        return false;
    }

    /// <summary>The latest month-end of the year by <paramref name="today"/> (its first when none has passed).</summary>
    public static ReviewPoint Latest(StatisticalYear year, DateOnly today)
    {
        for (var months = 12; months >= 1; months--)
        {
            var point = MonthEnd(year, months);
            if (point.AsOf <= today)
            {
                return point;
            }
        }
        return MonthEnd(year, 1);
    }
}

using System.Globalization;
using MonitoringCenter.Web.Data;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Components.Pages;

/// <summary>Reads a screen's <c>?year=</c> and <c>?asOf=</c> the way the national wall does.</summary>
public static class Period
{
    public static bool TryRead(Clock clock, string? yearText, string? asOfText, out StatisticalYear year, out DateOnly asOf, out string? problem)
    {
        year = clock.CurrentYear;
        asOf = clock.Today;
        problem = null;
        DateOnly? requested = null;
        if (!string.IsNullOrWhiteSpace(asOfText))
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year is < 2000 or > 2100)
            {
                problem = $"Ngày \"{asOfText}\" không hợp lệ: dùng dạng năm-tháng-ngày, ví dụ asOf=2025-09-30.";
                return false;
            }
            requested = parsed;
            year = StatisticalYear.Containing(parsed, clock.YearStartMonth);
        }
        if (!string.IsNullOrWhiteSpace(yearText))
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
            {
                problem = $"Năm thống kê \"{yearText}\" không hợp lệ: dùng số năm, ví dụ year=2025.";
                return false;
            }
            year = clock.Year(y);
        }
        asOf = year.Clamp(requested ?? (clock.Today < year.End ? clock.Today : year.End));
        return true;
    }

    /// <summary>The query string that keeps the period when following a link ("" for the live view).</summary>
    public static string Query(string? yearText, string? asOfText)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(yearText))
        {
            parts.Add("year=" + Uri.EscapeDataString(yearText));
        }
        if (!string.IsNullOrWhiteSpace(asOfText))
        {
            parts.Add("asOf=" + Uri.EscapeDataString(asOfText));
        }
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static bool IsDatabaseProblem(Exception ex) => ex is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException;
}

using Microsoft.AspNetCore.WebUtilities;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Screens;

/// <summary>Reads a view key (<c>path?query</c>) the way the pages read their URL.</summary>
public static class ScreenKey
{
    /// <summary>The key's path and query values; false when it is not <paramref name="path"/> or a sub-path of it.</summary>
    public static bool TryRead(string key, string path, out string rest, out Dictionary<string, string> query)
    {
        var mark = key.IndexOf('?', StringComparison.Ordinal);
        var keyPath = mark < 0 ? key : key[..mark];
        query = mark < 0 ? [] : QueryHelpers.ParseQuery(key[mark..]).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        rest = "";
        if (keyPath == path)
        {
            return true;
        }
        if (keyPath.StartsWith(path + "/", StringComparison.Ordinal))
        {
            rest = keyPath[(path.Length + 1)..];
            return true;
        }
        return false;
    }

    /// <summary>The period a key names: live without <c>year</c> and <c>asOf</c>, else both are needed.</summary>
    public static ReportingPeriod? Period(IReadOnlyDictionary<string, string> query, int yearStartMonth)
    {
        var year = query.GetValueOrDefault("year");
        var asOf = query.GetValueOrDefault("asOf");
        if (year is null && asOf is null)
        {
            return ReportingPeriod.Live;
        }
        // "Today" does not matter: a canonical key names both the year and the day.
        return year is not null && asOf is not null
            && ReportingPeriod.TryParse(year, asOf, DateOnly.MinValue, yearStartMonth, out var period, out _)
            ? period
            : null;
    }
}

using System.Globalization;
using Dapper;
using MonitoringCenter.Web.Model;
using Npgsql;

namespace MonitoringCenter.Web.Watch;

/// <summary>What the watch lists' alert rules measure, for every province in one scan each, on the evaluation's connection.</summary>
internal static class WatchAlertQueries
{
    /// <summary>
    /// Each province's open cases over a year old at today and at each of the <paramref name="weeks"/> week-ends
    /// before it (index 0 today). A week-end counts on the rows of its own statistical year, so a week across
    /// the year's start compares like with like (a row of the new year is only there for the cases carried over).
    /// </summary>
    public static async Task<Dictionary<string, long[]>> WeeklyOldOpenAsync(NpgsqlConnection connection, DateOnly today, int weeks, int yearStartMonth,
        CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var days = Enumerable.Range(0, weeks + 1).Select(k => today.AddDays(-7 * k)).ToList();
        var columns = string.Join(", ", days.Select((day, k) =>
        {
            parameters.Add(Invariant($"s{k}"), (short)StatisticalYear.Containing(day, yearStartMonth).Year);
            parameters.Add(Invariant($"d{k}"), day);
            parameters.Add(Invariant($"y{k}"), day.AddYears(-1));
            return Invariant($"count(*) filter (where stat_year = @s{k} and accepted_on <= @d{k} and not (status in (2, 3) and completed_on <= @d{k}) and coalesce(opened_on, accepted_on) < @y{k})");
        }));
        parameters.Add("years", days.Select(d => (short)StatisticalYear.Containing(d, yearStartMonth).Year).Distinct().ToArray());
        // What every count asks of a row, for the widest week: rows it leaves out are counted nowhere (about a third are left).
        parameters.Add("openedBefore", today.AddYears(-1));
        parameters.Add("openAfter", days[^1]);
        var rows = await connection.QueryAsync<Weekly>(new CommandDefinition($"""
            select province_code as Province, array[{columns}]::bigint[] as Counts
            from enforcement_case
            where stat_year = any(@years) and coalesce(opened_on, accepted_on) < @openedBefore and (completed_on is null or completed_on > @openAfter)
            group by province_code
            """, parameters, commandTimeout: 120, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Province, r => r.Counts, StringComparer.Ordinal);
    }

    private sealed class Weekly
    {
        public string Province { get; init; } = "";
        public long[] Counts { get; init; } = [];
    }

    public sealed record Untouched(string ProvinceCode, long Cases, long Amount);

    /// <summary>
    /// Each province's open high-value cases of <paramref name="year"/> whose latest activity is before
    /// <paramref name="before"/>. A carried-over row's classification on the year's first day is the carry-over, not
    /// an action on the case, so only a newly accepted case's classification counts.
    /// </summary>
    public static async Task<Dictionary<string, Untouched>> UntouchedAsync(NpgsqlConnection connection, int year, DateOnly today, DateOnly before,
        long threshold, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Untouched>(new CommandDefinition("""
            select c.province_code as ProvinceCode, count(*) as Cases, coalesce(sum(c.amount_to_enforce), 0)::bigint as Amount
            from enforcement_case c
            left join lateral (select max(k.collected_on) as last from collection k where k.case_id = c.id) k on true
            where c.stat_year = @year and c.accepted_on <= @today and c.status not in (2, 3) and c.amount_to_enforce >= @threshold
              and greatest(coalesce(c.opened_on, c.accepted_on), case when c.origin = 2 then c.classified_on end, c.status_since, c.completed_on, k.last) < @before
            group by c.province_code
            """, new { year = (short)year, today, before, threshold }, commandTimeout: 120, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ProvinceCode, StringComparer.Ordinal);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

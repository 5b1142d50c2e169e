using Dapper;
using MonitoringCenter.Web.Model;
using Npgsql;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>Which provinces of a statistical year have case-level data and which sent province reports.</summary>
internal static class FigureSources
{
    /// <summary>
    /// SQL: whether <paramref name="province"/> has cases in <paramref name="year"/>, as one index
    /// probe: the first province code from it on in the (stat_year, province_code) index. Written
    /// as EXISTS the planner may hash the whole year's cases, and as "= code limit 1" it may scan
    /// them all looking for a province that has none (both seen: 400 ms a call on a skewed year).
    /// </summary>
    public static string HasCases(string year, string province) => $"""
        coalesce((select e.province_code from enforcement_case e where e.stat_year = {year} and e.province_code >= {province}
                  order by e.province_code limit 1) = {province}, false)
        """;

    private sealed record Row(string Code, bool HasCases, bool HasReports);

    private sealed class ReportRow : ReportSums
    {
        public string ProvinceCode { get; init; } = "";
        public DateOnly PeriodEnd { get; init; }
        public short Version { get; init; }
        public DateTime ReceivedAt { get; init; }
    }

    /// <summary>
    /// Every province, or only <paramref name="province"/>, by code: whether it has cases and reports,
    /// and for the figures of <paramref name="asOf"/> the report they come from and the period due
    /// (<see cref="ReportingCalendar.Due"/>).
    /// </summary>
    public static async Task<Dictionary<string, FigureSource>> LoadAsync(NpgsqlConnection connection, StatisticalYear year, string? province,
        DateOnly asOf, DateOnly today, int deadlineDays, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select p.code,
                   {HasCases("@year", "p.code")} as has_cases,
                   exists (select 1 from statistical_report r where r.stat_year = @year and r.province_code = p.code and r.office_code is null) as has_reports
            from province p where @province::text is null or p.code = @province
            """, new { year = (short)year.Year, province }, cancellationToken: cancellationToken));
        var reports = await ReportsAsync(connection, year.Year, province, asOf, cancellationToken);
        var due = ReportingCalendar.Due(year, asOf, today, deadlineDays);
        return rows.ToDictionary(r => r.Code,
            r => new FigureSource(r.HasCases, r.HasReports, reports.GetValueOrDefault(r.Code), r.HasCases ? null : due,
                r.HasCases || due is null ? null : ReportingCalendar.Deadline(due.Value, deadlineDays)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Per province, the effective report (latest official, else latest preliminary) of the latest
    /// period that ended by <paramref name="asOf"/>, and for an official one the change from the latest
    /// preliminary of the same period. Province-level reports only.
    /// </summary>
    private static async Task<Dictionary<string, ReportVersion>> ReportsAsync(NpgsqlConnection connection, int year, string? province, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition($"""
            with latest as (
                select province_code, max(period_end) as period_end from statistical_report
                where stat_year = @year and office_code is null and period_end <= @asOf and (@province::text is null or province_code = @province)
                group by province_code
            ), picked as (
                select distinct on (r.province_code, r.version) r.id, r.province_code, r.period_end, r.version, r.received_at
                from statistical_report r join latest l on l.province_code = r.province_code and l.period_end = r.period_end
                where r.stat_year = @year and r.office_code is null
                order by r.province_code, r.version, r.id desc
            )
            select p.province_code, p.period_end, p.version, p.received_at,
                   {IndicatorColumns.Each(c => $"(select sum(x.{c}) from statistical_report_line x where x.report_id = p.id)::bigint as {c}")}
            from picked p
            order by p.province_code, p.version
            """, new { year = (short)year, asOf, province }, cancellationToken: cancellationToken));
        var result = new Dictionary<string, ReportVersion>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.ProvinceCode))
        {
            var preliminary = group.FirstOrDefault(r => r.Version == 1);
            var official = group.FirstOrDefault(r => r.Version == 2);
            var effective = official ?? preliminary!;
            Indicators? revision = official is not null && preliminary is not null ? official.Totals().Minus(preliminary.Totals()) : null;
            result[group.Key] = new ReportVersion(official is not null, effective.PeriodEnd,
                new DateTimeOffset(DateTime.SpecifyKind(effective.ReceivedAt, DateTimeKind.Utc)), revision);
        }
        return result;
    }
}

using Dapper;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.Wall;
using Npgsql;

namespace MonitoringCenter.Web.Review;

/// <summary>
/// Loads a meeting's figures once, at the moment the point is picked: the wall's national query at
/// the point and at the previous month-end, the provinces' board (pace, gaps, needed per day), each
/// province's categories, and the report versions. Read models only.
/// </summary>
public sealed class ReviewQueries(NpgsqlDataSource dataSource, WallQueries wall, ProvinceQueries provinces, Clock clock)
{
    private sealed record CategoryRow(string UnitCode, short Category, long CasesToEnforce, long CasesWithConditions, long CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    // Properties, not a constructor: the sums are null for a report without lines.
    private sealed class ReportRow
    {
        public string ProvinceCode { get; init; } = "";
        public DateOnly PeriodEnd { get; init; }
        public short Version { get; init; }
        public DateTime ReceivedAt { get; init; }
        public long? CasesToEnforce { get; init; }
        public long? CasesWithConditions { get; init; }
        public long? CasesCompleted { get; init; }
        public long? MoneyToEnforce { get; init; }
        public long? MoneyWithConditions { get; init; }
        public long? MoneyCollected { get; init; }
    }

    public async Task<ReviewModel> LoadAsync(ReviewPoint point, CancellationToken cancellationToken = default)
    {
        var year = point.Year.Year;
        var national = await wall.NationalAsync(year, point.AsOf, cancellationToken);
        var previous = point.PreviousMonthEnd is { } before ? await wall.NationalAsync(year, before.AsOf, cancellationToken) : null;
        var board = await provinces.BoardAsync(year, point.AsOf, ProvinceOrder.Code, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var categories = board.AsOf is { } day
            ? (await connection.QueryAsync<CategoryRow>(new CommandDefinition($"""
                select unit_code, category, {IndicatorColumns.Each(c => $"{c}::bigint")}
                from kpi_daily where stat_year = @year and unit_kind = {UnitKindSql.Province} and day = @day
                """, new { year = (short)year, day }, cancellationToken: cancellationToken))).ToList()
            : [];
        var reports = await ReportsAsync(connection, year, point.AsOf, cancellationToken);
        var central = ReferenceData.Provinces.ToDictionary(p => p.Code, p => p.CentrallyRunCity, StringComparer.Ordinal);
        var rows = board.Provinces.Select(p => new ReviewProvince(
            p,
            central.GetValueOrDefault(p.Code),
            categories.Where(c => c.UnitCode == p.Code).ToDictionary(c => (Category)c.Category,
                c => new Indicators(c.CasesToEnforce, c.CasesWithConditions, c.CasesCompleted, c.MoneyToEnforce, c.MoneyWithConditions, c.MoneyCollected)),
            p.Source is { FromReports: true } ? reports.GetValueOrDefault(p.Code) : null)).ToList();
        return new ReviewModel(point, clock.Now, national, previous, rows);
    }

    /// <summary>
    /// Per province, the effective report (latest official, else latest preliminary) of the latest
    /// period that ended by the point, and for an official one the change from the latest preliminary
    /// of the same period. Province-level reports only (office reports add up into them).
    /// </summary>
    private static async Task<Dictionary<string, ReportVersion>> ReportsAsync(NpgsqlConnection connection, int year, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition($"""
            with latest as (
                select province_code, max(period_end) as period_end from statistical_report
                where stat_year = @year and office_code is null and period_end <= @asOf
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
            """, new { year = (short)year, asOf }, cancellationToken: cancellationToken));
        var result = new Dictionary<string, ReportVersion>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.ProvinceCode))
        {
            var preliminary = group.FirstOrDefault(r => r.Version == 1);
            var official = group.FirstOrDefault(r => r.Version == 2);
            var effective = official ?? preliminary!;
            Indicators? revision = official is not null && preliminary is not null ? Totals(official).Minus(Totals(preliminary)) : null;
            result[group.Key] = new ReportVersion(official is not null, effective.PeriodEnd,
                new DateTimeOffset(DateTime.SpecifyKind(effective.ReceivedAt, DateTimeKind.Utc)), revision);
        }
        return result;
    }

    private static Indicators Totals(ReportRow row) => new(row.CasesToEnforce ?? 0, row.CasesWithConditions ?? 0, row.CasesCompleted ?? 0,
        row.MoneyToEnforce ?? 0, row.MoneyWithConditions ?? 0, row.MoneyCollected ?? 0);
}

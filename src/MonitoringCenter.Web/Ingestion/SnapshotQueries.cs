using Dapper;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using Npgsql;

namespace MonitoringCenter.Web.Ingestion;

/// <param name="Source">Where the unit's figures come from: "cases" (case-level data), "reports" (its statistical reports), or "none".</param>
/// <param name="Version">For figures from reports: "preliminary" or "official" (the latest official report of a period wins).</param>
/// <param name="ReportPeriodEnd">For figures from reports: the end of the period of the report they come from.</param>
/// <param name="ReportReceivedAt">For figures from reports: when that report arrived.</param>
/// <param name="Revision">For an official report that replaced a preliminary one: official minus preliminary.</param>
/// <param name="NotReported">A report-based province whose report for the period due has not come ("chưa báo cáo").</param>
public sealed record UnitKpis(string Code, string Name, string Source, Indicators Total, IReadOnlyDictionary<string, Indicators> Categories,
    string? Version = null, DateOnly? ReportPeriodEnd = null, DateTimeOffset? ReportReceivedAt = null, Indicators? Revision = null, bool NotReported = false);

/// <summary>The latest read-model day of a statistical year for a unit and the units under it.</summary>
public sealed record KpiSnapshot(int StatYear, DateOnly? AsOf, DateTimeOffset? RefreshedAt, UnitKpis Unit, IReadOnlyList<UnitKpis> Units);

/// <summary>Current KPIs for other systems (<c>GET /api/v1/snapshot</c>). Reads <c>kpi_daily</c> only, plus which source each province's figures come from.</summary>
public sealed class SnapshotQueries(NpgsqlDataSource dataSource, Clock clock, Microsoft.Extensions.Options.IOptions<ReportingOptions> reporting)
{
    private sealed record Row(short UnitKind, string UnitCode, short Category, long CasesToEnforce, long CasesWithConditions, long CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    /// <summary>The nation and its 34 provinces.</summary>
    public Task<KpiSnapshot> NationalAsync(int year, CancellationToken cancellationToken = default) =>
        SnapshotAsync(year, null, cancellationToken);

    /// <summary>A province and its regional offices; null when the code is not a province.</summary>
    public async Task<KpiSnapshot?> ProvinceAsync(int year, string province, CancellationToken cancellationToken = default) =>
        Validation.ProvinceCodes.Contains(province) ? await SnapshotAsync(year, province, cancellationToken) : null;

    private async Task<KpiSnapshot> SnapshotAsync(int year, string? province, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { year = (short)year, province, today = clock.Year(year).Clamp(clock.Today) };
        var day = await connection.ExecuteScalarAsync<DateOnly?>(new CommandDefinition(
            $"select max(day) from kpi_daily where stat_year = @year and unit_kind = {UnitKindSql.Nation} and day <= @today", parameters, cancellationToken: cancellationToken));
        var rows = day is null ? [] : (await connection.QueryAsync<Row>(new CommandDefinition($"""
            select unit_kind, unit_code, category, {IndicatorColumns.Each(c => $"{c}::bigint")}
            from kpi_daily
            where stat_year = @year and day = @day and (
                (@province::text is null and unit_kind in ({UnitKindSql.Nation}, {UnitKindSql.Province}))
                or (unit_kind = {UnitKindSql.Province} and unit_code = @province)
                or (unit_kind = {UnitKindSql.Office} and unit_code in (select code from office where province_code = @province)))
            """, new { parameters.year, parameters.province, day }, cancellationToken: cancellationToken))).ToList();
        var sources = await FigureSources.LoadAsync(connection, clock.Year(year), province, day ?? parameters.today, clock.Today,
            reporting.Value.DeadlineDays, cancellationToken);
        var names = ReferenceData.Provinces.ToDictionary(p => p.Code, p => p.NameVi, StringComparer.Ordinal);
        var refreshedAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "select max(finished_at) from refresh_run", cancellationToken: cancellationToken));

        UnitKpis Unit(UnitKind kind, string code, string name, string source, FigureSource? figures = null)
        {
            var categories = rows.Where(r => r.UnitKind == (short)kind && r.UnitCode == code).ToDictionary(
                r => WireNames.Categories.First(c => c.Value == (Category)r.Category).Key,
                r => new Indicators(r.CasesToEnforce, r.CasesWithConditions, r.CasesCompleted, r.MoneyToEnforce, r.MoneyWithConditions, r.MoneyCollected),
                StringComparer.Ordinal);
            var report = figures is { FromReports: true } ? figures.Report : null;
            return new UnitKpis(code, name, source, categories.Values.Aggregate(Indicators.Zero, (sum, next) => sum.Plus(next)), categories,
                report?.Name, report?.PeriodEnd, report is null ? null : clock.Local(report.ReceivedAt), report?.Revision, figures?.NotReported ?? false);
        }

        var refreshed = refreshedAt is { } at ? clock.Local(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : (DateTimeOffset?)null;
        if (province is null)
        {
            var nationSource = sources.Values.Any(s => s.HasCases) ? "cases" : sources.Values.Any(s => s.HasReports) ? "reports" : "none";
            return new KpiSnapshot(year, day, refreshed, Unit(UnitKind.Nation, "", "Toàn quốc", nationSource),
                sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Unit(UnitKind.Province, s.Key, names[s.Key], s.Value.Name, s.Value)).ToList());
        }
        var self = sources[province];
        var offices = rows.Where(r => r.UnitKind == (short)UnitKind.Office).Select(r => r.UnitCode).Distinct().Order(StringComparer.Ordinal)
            .Select(code => Unit(UnitKind.Office, code, code, self.HasCases ? "cases" : "none")).ToList();
        return new KpiSnapshot(year, day, refreshed, Unit(UnitKind.Province, province, names[province], self.Name, self), offices);
    }
}

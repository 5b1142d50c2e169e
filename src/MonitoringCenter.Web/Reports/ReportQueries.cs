using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using Npgsql;

namespace MonitoringCenter.Web.Reports;

/// <summary>One statistical report as it arrived: who sent it, with which key, when, its version and totals.</summary>
public sealed record ReportEntry(long Id, string ProvinceCode, string? OfficeCode, DateOnly PeriodEnd, bool Official, string Actor, string? KeyName,
    DateTimeOffset ReceivedAt, Indicators Totals, bool Effective);

/// <summary>A province in one period of the reporting calendar.</summary>
/// <param name="State">received (in time), late (after the deadline), missing (deadline passed, nothing), pending (not due yet), cases (counted from case data).</param>
public sealed record CalendarCell(string State, ReportEntry? Report);

/// <summary>Which province reported which period, when, and which are late or missing.</summary>
public sealed record ReportingCalendarView(StatisticalYear Year, int DeadlineDays, IReadOnlyList<DateOnly> Periods,
    IReadOnlyList<(string Code, string Name, IReadOnlyList<CalendarCell> Cells)> Provinces);

/// <summary>One indicator of a province both counted by the platform and reported by the province, for the same period end.</summary>
public sealed record Reconciliation(string ProvinceCode, DateOnly PeriodEnd, bool Official, string Indicator, bool Money, long Platform, long Reported)
{
    public long Difference => Platform - Reported;

    /// <summary>The difference as a share of the reported figure (null when the report says 0).</summary>
    public decimal? Share => Reported == 0 ? null : (decimal)Difference / Reported;

    public bool Flagged(decimal tolerance) => Share is { } s ? Math.Abs(s) > tolerance : Platform != 0;
}

/// <summary>The reports' history and calendar. Reads the report tables only (the screens' figures come from the read models).</summary>
public sealed class ReportQueries(NpgsqlDataSource dataSource, Clock clock, IOptions<ReportingOptions> reporting)
{
    private sealed class Row : ReportSums
    {
        public long Id { get; init; }
        public string ProvinceCode { get; init; } = "";
        public string? OfficeCode { get; init; }
        public DateOnly PeriodEnd { get; init; }
        public short Version { get; init; }
        public string Actor { get; init; } = "";
        public string? KeyName { get; init; }
        public DateTime ReceivedAt { get; init; }
        public bool Effective { get; init; }
    }

    private sealed class PairRow
    {
        public string ProvinceCode { get; init; } = "";
        public DateOnly PeriodEnd { get; init; }
        public short Version { get; init; }
        public long? PCasesToEnforce { get; init; }
        public long? PCasesWithConditions { get; init; }
        public long? PCasesCompleted { get; init; }
        public long? PMoneyToEnforce { get; init; }
        public long? PMoneyWithConditions { get; init; }
        public long? PMoneyCollected { get; init; }
        public long? RCasesToEnforce { get; init; }
        public long? RCasesWithConditions { get; init; }
        public long? RCasesCompleted { get; init; }
        public long? RMoneyToEnforce { get; init; }
        public long? RMoneyWithConditions { get; init; }
        public long? RMoneyCollected { get; init; }
    }

    /// <summary>
    /// Provinces with both case data and their own reports: each province's latest effective report
    /// against the platform's figures (its <c>kpi_daily</c> rows) on that report's period end, per indicator.
    /// </summary>
    public async Task<IReadOnlyList<Reconciliation>> ReconcileAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PairRow>(new CommandDefinition($"""
            with latest as (
                select distinct on (r.province_code) r.id, r.province_code, r.period_end, r.version
                from report_effective r
                where r.stat_year = @year and r.office_code is null and {FigureSources.HasCases("@year", "r.province_code")}
                order by r.province_code, r.period_end desc
            )
            select l.province_code, l.period_end, l.version,
                   {IndicatorColumns.Each(c => $"(select sum(k.{c}) from kpi_daily k where k.stat_year = @year and k.unit_kind = {UnitKindSql.Province} and k.unit_code = l.province_code and k.day = l.period_end)::bigint as p_{c}")},
                   {IndicatorColumns.Each(c => $"(select sum(x.{c}) from statistical_report_line x where x.report_id = l.id)::bigint as r_{c}")}
            from latest l order by l.province_code
            """, new { year = (short)year }, cancellationToken: cancellationToken));
        var result = new List<Reconciliation>();
        foreach (var r in rows)
        {
            void Add(string indicator, bool money, long? platform, long? reported) =>
                result.Add(new Reconciliation(r.ProvinceCode, r.PeriodEnd, r.Version == 2, indicator, money, platform ?? 0, reported ?? 0));
            Add("Việc phải thi hành", false, r.PCasesToEnforce, r.RCasesToEnforce);
            Add("Việc có điều kiện", false, r.PCasesWithConditions, r.RCasesWithConditions);
            Add("Việc thi hành xong", false, r.PCasesCompleted, r.RCasesCompleted);
            Add("Tiền phải thi hành", true, r.PMoneyToEnforce, r.RMoneyToEnforce);
            Add("Tiền có điều kiện", true, r.PMoneyWithConditions, r.RMoneyWithConditions);
            Add("Tiền thu được", true, r.PMoneyCollected, r.RMoneyCollected);
        }
        return result;
    }

    /// <summary>Every report of the year (of one province, or all), newest first.</summary>
    public async Task<IReadOnlyList<ReportEntry>> HistoryAsync(int year, string? province, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select r.id, r.province_code, r.office_code, r.period_end, r.version, r.actor, k.name as key_name, r.received_at,
                   {IndicatorColumns.Each(c => $"(select sum(x.{c}) from statistical_report_line x where x.report_id = r.id)::bigint as {c}")},
                   exists (select 1 from report_effective e where e.id = r.id) as effective
            from statistical_report r left join api_key k on k.id = r.api_key_id
            where r.stat_year = @year and (@province::text is null or r.province_code = @province)
            order by r.received_at desc, r.id desc
            limit 2000
            """, new { year = (short)year, province }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ReportEntry(r.Id, r.ProvinceCode, r.OfficeCode, r.PeriodEnd, r.Version == 2, r.Actor, r.KeyName,
            clock.Local(new DateTimeOffset(DateTime.SpecifyKind(r.ReceivedAt, DateTimeKind.Utc))),
            r.Totals(),
            r.Effective))];
    }

    /// <summary>The calendar of the year up to today: per province and month-end, the effective province report and its state.</summary>
    public async Task<ReportingCalendarView> CalendarAsync(int year, CancellationToken cancellationToken = default)
    {
        var statisticalYear = clock.Year(year);
        var deadline = reporting.Value.DeadlineDays;
        var today = clock.Today;
        var periods = ReportingCalendar.PeriodEnds(statisticalYear, statisticalYear.Clamp(today)).ToList();
        var reports = (await HistoryAsync(year, null, cancellationToken)).Where(r => r.OfficeCode is null && r.Effective).ToList();
        Dictionary<string, FigureSource> sources;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            sources = await FigureSources.LoadAsync(connection, statisticalYear, null, statisticalYear.Clamp(today), today, deadline, cancellationToken);
        }
        var provinces = ReferenceData.Provinces.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p =>
        {
            var cells = periods.Select(period =>
            {
                var report = reports.FirstOrDefault(r => r.ProvinceCode == p.Code && r.PeriodEnd == period);
                var due = ReportingCalendar.Deadline(period, deadline);
                var state = report is not null
                    ? DateOnly.FromDateTime(report.ReceivedAt.DateTime) > due ? "late" : "received"
                    : sources.GetValueOrDefault(p.Code) is { HasCases: true } ? "cases"
                    : due < today ? "missing" : "pending";
                return new CalendarCell(state, report);
            }).ToList();
            return (p.Code, p.NameVi, (IReadOnlyList<CalendarCell>)cells);
        }).ToList();
        return new ReportingCalendarView(statisticalYear, deadline, periods, provinces);
    }
}

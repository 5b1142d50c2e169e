using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>
/// The statements of the read-model refresh (<see cref="KpiRefresher"/>), by what they do. Parameters
/// are named as the refresher passes them; those in PascalCase come from one <see cref="RecountBatch"/>.
/// </summary>
internal static class KpiRefreshSql
{
    private const string InsertDaily = $"insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, {IndicatorColumns.List})";

    /// <summary>One refresh at a time across every node, whichever path started it (scheduled job or change feed).</summary>
    public const string Lock = "select pg_advisory_lock(@LockKey)";

    public const string Unlock = "select pg_advisory_unlock(@LockKey)";

    /// <summary>Every statistical year with cases or statistical reports.</summary>
    public const string Years =
        "select stat_year::int from enforcement_case group by 1 union select stat_year::int from statistical_report order by 1";

    public const string Marks = "select stat_year::int as year, province_code as province, mark as number, from_day from refresh_dirty";

    /// <summary>Takes (deletes) every pending figure change, summed per office, category and day.</summary>
    public static readonly string TakeDeltas = $"""
        with taken as (delete from kpi_delta returning *)
        select stat_year::int as year, province_code as province, office_code as office, category, day,
               {IndicatorColumns.Each(c => $"sum({c})::bigint as {c}")},
               max(at) as arrived_at
        from taken group by 1, 2, 3, 4, 5
        """;

    /// <summary>The last day built for the nation in the running year (@current).</summary>
    public const string NationLastDay = $"select max(day) from kpi_daily where stat_year = @current and unit_kind = {UnitKindSql.Nation}";

    /// <summary>The last day built for each of the provinces @codes in @year.</summary>
    public const string ProvinceLastDays =
        $"select unit_code, max(day) from kpi_daily where stat_year = @year and unit_kind = {UnitKindSql.Province} and unit_code = any(@codes) group by 1";

    /// <summary>Which of the provinces @codes sent statistical reports for @year.</summary>
    public const string Reported =
        "select distinct province_code from statistical_report where stat_year = @year and office_code is null and province_code = any(@codes)";

    /// <summary>
    /// Which of the @reported provinces must switch source: counted from reports (the province's
    /// rows are not the sum of its offices') although cases exist now, or counted from cases
    /// although none are left.
    /// </summary>
    public static readonly string Switching = $"""
        select p.code
        from unnest(@reported) p (code)
        where not {FigureSources.HasCases("@year", "p.code")}
           or exists (
               select 1 from kpi_daily k
               cross join lateral (
                   select {IndicatorColumns.Each(c => $"sum(o.{c}) as {c}")}
                   from kpi_daily o
                   where o.stat_year = k.stat_year and o.unit_kind = {UnitKindSql.Office} and o.unit_code > p.code || '-' and o.unit_code < p.code || '.'
                     and o.day = k.day and o.category = k.category) s
               where k.stat_year = @year and k.unit_kind = {UnitKindSql.Province} and k.unit_code = p.code
                 and k.day = (select max(day) from kpi_daily m where m.stat_year = @year and m.unit_kind = {UnitKindSql.Province} and m.unit_code = p.code)
                 and ({IndicatorColumns.Each(c => $"k.{c}")}) is distinct from ({IndicatorColumns.Each(c => $"s.{c}")}))
        """;

    public const string Truncate = "truncate kpi_daily";

    /// <summary>
    /// Adds increments to their unit's rows: $1 year, $2 unit kind, then one array per column of
    /// the rows (unit, category, day and the six indicators). The cumulative increments are spelled
    /// out, one per row, so the update is a key lookup per row whatever the planner knows about the table.
    /// </summary>
    public static readonly string AddIncrements = $"""
        update kpi_daily k set {IndicatorColumns.Each(c => $"{c} = k.{c} + a.{c}")}
        from unnest($3, $4, $5, $6, $7, $8, $9, $10, $11) a (unit_code, category, day, {IndicatorColumns.List})
        where k.stat_year = $1 and k.unit_kind = $2 and k.unit_code = a.unit_code and k.day = a.day and k.category = a.category
        """;

    /// <summary>The rows a recount from @From writes again, for its offices and provinces.</summary>
    public const string DeleteFrom = $"""
        delete from kpi_daily where stat_year = @Year and unit_kind = {UnitKindSql.Office} and unit_code = any(@Offices) and day >= @From;
        delete from kpi_daily where stat_year = @Year and unit_kind = {UnitKindSql.Province} and unit_code = any(@Provinces) and day >= @From;
        """;

    private static readonly string ReportOnlyProvinces = $"""
        select distinct r.province_code from statistical_report r
        where r.stat_year = @Year and r.office_code is null and r.province_code = any(@Provinces)
          and not {FigureSources.HasCases("@Year", "r.province_code")}
        """;

    /// <summary>
    /// Office rows from the cases and payments: daily changes per office and category from @From
    /// on, added to each office's row of the day before (@Base; none at the start of the year),
    /// over every day up to @Last (offices and categories with nothing yet still get their rows).
    /// </summary>
    public static readonly string Office = $"""
        with changes as (
            select office_code, category, accepted_on as day, count(*) as n, sum(amount_to_enforce) as mt,
                   0::bigint as w, 0::numeric as mw, 0::bigint as c, 0::numeric as mc
            from enforcement_case where stat_year = @Year and province_code = any(@Provinces) and accepted_on >= @From
            group by 1, 2, 3
            union all
            select office_code, category, classified_on, 0, 0, count(*), sum(amount_with_conditions), 0, 0
            from enforcement_case where stat_year = @Year and province_code = any(@Provinces) and condition = 1 and classified_on >= @From
            group by 1, 2, 3
            union all
            select office_code, category, completed_on, 0, 0, 0, 0, count(*), 0
            from enforcement_case where stat_year = @Year and province_code = any(@Provinces) and completed_on is not null
                and condition = 1 and completed_on >= @From
            group by 1, 2, 3
            union all
            select e.office_code, e.category, k.collected_on, 0, 0, 0, 0, 0, sum(k.amount)
            from collection k join enforcement_case e on e.id = k.case_id
            where k.stat_year = @Year and k.collected_on >= @From and e.province_code = any(@Provinces)
            group by 1, 2, 3
        ), daily as (
            select office_code, category, day, sum(n) as n, sum(mt) as mt, sum(w) as w, sum(mw) as mw, sum(c) as c, sum(mc) as mc
            from changes where day <= @Last
            group by 1, 2, 3
        ), grid as (
            -- Offices of provinces counted from their reports get no rows: they would only be zeros.
            select o.code as office_code, k.category, d.day::date as day
            from unnest(@Offices) o (code)
            cross join (values (1::smallint), (2::smallint), (3::smallint), (4::smallint)) k (category)
            cross join generate_series(@From::date, @Last::date, interval '1 day') d (day)
            where split_part(o.code, '-', 1) not in ({ReportOnlyProvinces})
        ), base as (
            select unit_code as office_code, category, {IndicatorColumns.List}
            from kpi_daily where stat_year = @Year and unit_kind = {UnitKindSql.Office} and unit_code = any(@Offices) and day = @Base
        )
        {InsertDaily}
        select @Year, {UnitKindSql.Office}, g.office_code, g.category, g.day,
               coalesce(b.cases_to_enforce, 0) + sum(coalesce(d.n, 0)) over w,
               coalesce(b.cases_with_conditions, 0) + sum(coalesce(d.w, 0)) over w,
               coalesce(b.cases_completed, 0) + sum(coalesce(d.c, 0)) over w,
               coalesce(b.money_to_enforce, 0) + sum(coalesce(d.mt, 0)) over w,
               coalesce(b.money_with_conditions, 0) + sum(coalesce(d.mw, 0)) over w,
               coalesce(b.money_collected, 0) + sum(coalesce(d.mc, 0)) over w
        from grid g
        left join daily d on d.office_code = g.office_code and d.category = g.category and d.day = g.day
        left join base b on b.office_code = g.office_code and b.category = g.category
        window w as (partition by g.office_code, g.category order by g.day)
        """;

    /// <summary>Province rows as the sums of their offices' rows from @From on.</summary>
    public static readonly string Province = $"""
        {InsertDaily}
        select @Year, {UnitKindSql.Province}, o.province_code, k.category, k.day, {IndicatorColumns.Each(c => $"sum(k.{c})")}
        from kpi_daily k join office o on o.code = k.unit_code
        where k.stat_year = @Year and k.unit_kind = {UnitKindSql.Office} and k.unit_code = any(@Offices) and k.day >= @From
        group by o.province_code, k.category, k.day
        """;

    /// <summary>
    /// Provinces without case-level data this year take their rows from their statistical reports
    /// from @From on (a report marks its province dirty from its period's end): their rows from the
    /// offices' sums, if any, go.
    /// </summary>
    public static readonly string DeleteReportOnly = $"""
        delete from kpi_daily where stat_year = @Year and unit_kind = {UnitKindSql.Province} and unit_code in ({ReportOnlyProvinces}) and day >= @From
        """;

    /// <summary>
    /// The rows of provinces without case-level data from @From on: each day shows the latest
    /// effective report (latest official, else latest preliminary) whose period ended by then;
    /// before its first report's period end the province has no rows (no figures, not zeros).
    /// </summary>
    public static readonly string ReportOnly = $"""
        {InsertDaily}
        select @Year, {UnitKindSql.Province}, p.province_code, k.category, d.day::date, {IndicatorColumns.Each(c => $"coalesce(l.{c}, 0)")}
        from ({ReportOnlyProvinces}) p (province_code)
        cross join lateral (
            select min(period_end) as first_end from statistical_report f
            where f.stat_year = @Year and f.province_code = p.province_code and f.office_code is null) f
        cross join (values (1::smallint), (2::smallint), (3::smallint), (4::smallint)) k (category)
        cross join generate_series(greatest(@From::date, f.first_end), @Last::date, interval '1 day') d (day)
        left join lateral (
            select r.id from report_effective r
            where r.stat_year = @Year and r.province_code = p.province_code and r.office_code is null and r.period_end <= d.day
            order by r.period_end desc limit 1) r on true
        left join statistical_report_line l on l.report_id = r.id and l.category = k.category
        """;

    /// <summary>The nation's rows as the sums of the provinces' rows from @From on.</summary>
    public static readonly string Nation = $"""
        {InsertDaily}
        select @Year, {UnitKindSql.Nation}, '', category, day, {IndicatorColumns.Each(c => $"sum({c})")}
        from kpi_daily
        where stat_year = @Year and unit_kind = {UnitKindSql.Province} and day >= @From
        group by category, day
        """;

    public const string DeleteNationFrom = $"delete from kpi_daily where stat_year = @Year and unit_kind = {UnitKindSql.Nation} and day >= @From";

    public const string Analyze = "analyze kpi_daily";

    /// <summary>Clears the marks a refresh saw; a newer mark on the same pair survives.</summary>
    public const string ClearMarks = """
        delete from refresh_dirty d using unnest(@years, @provinces, @numbers) as m (stat_year, province_code, mark)
        where d.stat_year = m.stat_year and d.province_code = m.province_code and d.mark = m.mark
        """;

    /// <summary>When each province's events arrived, for <c>province_data_mark</c> (marks record it by trigger).</summary>
    public const string RecordArrivals = """
        insert into province_data_mark (province_code, last_data_at) select * from unnest(@provinces, @at)
        on conflict (province_code) do update set last_data_at = greatest(province_data_mark.last_data_at, excluded.last_data_at)
        """;

    public const string NextVersion = "select nextval('kpi_version_seq')";

    /// <summary>Records the run and announces it; the notification is delivered when the transaction commits.</summary>
    public const string RecordRunAndNotify = """
        insert into refresh_run (kind, started_at, finished_at, years, provinces, rows_written)
        values (@kind, @started, clock_timestamp(), @years, @provinces, @rows);
        select pg_notify(@channel, @payload);
        """;
}

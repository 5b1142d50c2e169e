using System.Diagnostics;
using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.Data.ReadModels;

public sealed record RefreshResult(string Kind, IReadOnlyList<int> Years, IReadOnlyList<string> Provinces, int RowsWritten, TimeSpan Duration)
{
    public bool NothingToDo => Years.Count == 0;
}

/// <summary>
/// Builds <c>kpi_daily</c> from the source tables: office rows from the cases and payments,
/// province rows from the offices, the nation from the provinces. Incremental refreshes redo
/// only the (year, province) pairs marked in <c>refresh_dirty</c>, then the national rollup.
/// </summary>
public sealed class KpiRefresher(NpgsqlDataSource dataSource, TimeProvider time, Clock clock, ILogger<KpiRefresher> logger)
{
    public async Task<RefreshResult> RefreshFullAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var years = (await connection.QueryAsync<int>(
            "select distinct stat_year from enforcement_case union select stat_year from statistical_report order by 1")).ToList();
        var marks = (await connection.QueryAsync<Mark>("select stat_year::int as year, province_code as province, mark as number from refresh_dirty")).ToList();
        var provinces = (await connection.QueryAsync<string>("select code from province order by code")).ToArray();
        return await RefreshAsync(connection, "full", years.Select(y => (y, provinces)).ToList(), marks, truncate: true, cancellationToken);
    }

    public async Task<RefreshResult> RefreshDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var marks = (await connection.QueryAsync<Mark>("select stat_year::int as year, province_code as province, mark as number from refresh_dirty")).ToList();
        var work = marks.GroupBy(m => m.Year).Select(g => (Year: g.Key, Provinces: g.Select(m => m.Province).ToArray())).ToList();
        // A new day in the running year needs its rows even where nothing changed.
        var current = clock.CurrentYear.Year;
        var lastDay = await connection.ExecuteScalarAsync<DateOnly?>(
            "select max(day) from kpi_daily where stat_year = @current and unit_kind = 0", new { current = (short)current });
        if (lastDay is { } day && day < clock.Today)
        {
            var all = (await connection.QueryAsync<string>("select code from province")).ToArray();
            work = [.. work.Where(w => w.Year != current), (current, all)];
        }
        work = [.. work.OrderBy(w => w.Year).Select(w => (w.Year, w.Provinces.Order(StringComparer.Ordinal).ToArray()))];
        return await RefreshAsync(connection, "incremental", work, marks, truncate: false, cancellationToken);
    }

    private sealed record Mark(int Year, string Province, long Number);

    private async Task<RefreshResult> RefreshAsync(NpgsqlConnection connection, string kind, List<(int Year, string[] Provinces)> work,
        IReadOnlyList<Mark> marks, bool truncate, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var started = time.GetUtcNow();
        if (work.Count == 0)
        {
            return new RefreshResult(kind, [], [], 0, watch.Elapsed);
        }
        var today = clock.Today;
        var rows = 0;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (truncate)
        {
            await connection.ExecuteAsync("truncate kpi_daily", transaction: transaction);
        }
        foreach (var (year, provinces) in work)
        {
            var start = clock.Year(year);
            if (start.Start > today)
            {
                continue;
            }
            var parameters = new { Year = (short)year, Provinces = provinces, Start = start.Start, Last = start.Clamp(today) };
            if (!truncate)
            {
                await connection.ExecuteAsync("""
                    delete from kpi_daily
                    where stat_year = @Year and (
                        (unit_kind = 1 and unit_code = any(@Provinces))
                        or (unit_kind = 2 and unit_code in (select code from office where province_code = any(@Provinces)))
                        or unit_kind = 0)
                    """, parameters, transaction);
            }
            rows += await connection.ExecuteAsync(new CommandDefinition(OfficeSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            rows += await connection.ExecuteAsync(new CommandDefinition(ProvinceSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            // Provinces without case-level data this year take their rows from their statistical reports.
            await connection.ExecuteAsync(new CommandDefinition(ReportOnlyDeleteSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            rows += await connection.ExecuteAsync(new CommandDefinition(ReportOnlyInsertSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            rows += await connection.ExecuteAsync(new CommandDefinition(NationSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        }
        // Only marks seen at the start are cleared; a newer mark on the same pair survives.
        foreach (var mark in marks)
        {
            await connection.ExecuteAsync("delete from refresh_dirty where stat_year = @Year and province_code = @Province and mark = @Number",
                new { Year = (short)mark.Year, mark.Province, mark.Number }, transaction);
        }
        var years = work.Select(w => w.Year).ToArray();
        var allProvinces = work.SelectMany(w => w.Provinces).Distinct().Order(StringComparer.Ordinal).ToArray();
        await connection.ExecuteAsync("""
            insert into refresh_run (kind, started_at, finished_at, years, provinces, rows_written)
            values (@kind, @started, now(), @years, @provinces, @rows)
            """, new { kind, started, years = years.Select(y => (short)y).ToArray(), provinces = allProvinces, rows }, transaction);
        await transaction.CommitAsync(cancellationToken);
        var result = new RefreshResult(kind, years, allProvinces, rows, watch.Elapsed);
        logger.LogInformation("Refresh {Kind}: years {Years}, {ProvinceCount} provinces, {Rows} rows in {Duration} ms",
            kind, string.Join(",", years), allProvinces.Length, rows, (long)watch.Elapsed.TotalMilliseconds);
        return result;
    }

    // Daily changes per office and category, accumulated over every day of the year so far
    // (offices and categories with nothing yet still get their zero rows).
    private const string OfficeSql = """
        with changes as (
            select office_code, category, accepted_on as day, count(*) as n, sum(amount_to_enforce) as mt,
                   0::bigint as w, 0::numeric as mw, 0::bigint as c, 0::numeric as mc
            from enforcement_case where stat_year = @Year and province_code = any(@Provinces)
            group by 1, 2, 3
            union all
            select office_code, category, classified_on, 0, 0, count(*), sum(amount_with_conditions), 0, 0
            from enforcement_case where stat_year = @Year and province_code = any(@Provinces) and condition = 1
            group by 1, 2, 3
            union all
            select office_code, category, completed_on, 0, 0, 0, 0, count(*), 0
            from enforcement_case where stat_year = @Year and province_code = any(@Provinces) and condition = 1 and status in (2, 3)
            group by 1, 2, 3
            union all
            select e.office_code, e.category, k.collected_on, 0, 0, 0, 0, 0, sum(k.amount)
            from collection k join enforcement_case e on e.id = k.case_id
            where k.stat_year = @Year and e.province_code = any(@Provinces)
            group by 1, 2, 3
        ), daily as (
            select office_code, category, day, sum(n) as n, sum(mt) as mt, sum(w) as w, sum(mw) as mw, sum(c) as c, sum(mc) as mc
            from changes where day <= @Last
            group by 1, 2, 3
        ), grid as (
            select o.code as office_code, k.category, d.day::date as day
            from office o
            cross join (values (1::smallint), (2::smallint), (3::smallint), (4::smallint)) k (category)
            cross join generate_series(@Start::date, @Last::date, interval '1 day') d (day)
            where o.province_code = any(@Provinces)
        )
        insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions,
                               cases_completed, money_to_enforce, money_with_conditions, money_collected)
        select @Year, 2, g.office_code, g.category, g.day,
               sum(coalesce(d.n, 0)) over w, sum(coalesce(d.w, 0)) over w, sum(coalesce(d.c, 0)) over w,
               sum(coalesce(d.mt, 0)) over w, sum(coalesce(d.mw, 0)) over w, sum(coalesce(d.mc, 0)) over w
        from grid g
        left join daily d on d.office_code = g.office_code and d.category = g.category and d.day = g.day
        window w as (partition by g.office_code, g.category order by g.day)
        """;

    private const string ProvinceSql = """
        insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions,
                               cases_completed, money_to_enforce, money_with_conditions, money_collected)
        select @Year, 1, o.province_code, k.category, k.day, sum(k.cases_to_enforce), sum(k.cases_with_conditions),
               sum(k.cases_completed), sum(k.money_to_enforce), sum(k.money_with_conditions), sum(k.money_collected)
        from kpi_daily k join office o on o.code = k.unit_code
        where k.stat_year = @Year and k.unit_kind = 2 and o.province_code = any(@Provinces)
        group by o.province_code, k.category, k.day
        """;

    private const string ReportOnly = """
        select distinct r.province_code from statistical_report r
        where r.stat_year = @Year and r.office_code is null and r.province_code = any(@Provinces)
          and not exists (select 1 from enforcement_case e where e.stat_year = @Year and e.province_code = r.province_code)
        """;

    private const string ReportOnlyDeleteSql = $"""
        delete from kpi_daily where stat_year = @Year and unit_kind = 1 and unit_code in ({ReportOnly})
        """;

    // Each day shows the latest effective report (latest official, else latest preliminary) whose
    // period ended by then; before the first report the province counts zero.
    private const string ReportOnlyInsertSql = $"""
        insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions,
                               cases_completed, money_to_enforce, money_with_conditions, money_collected)
        select @Year, 1, p.province_code, k.category, d.day::date,
               coalesce(l.cases_to_enforce, 0), coalesce(l.cases_with_conditions, 0), coalesce(l.cases_completed, 0),
               coalesce(l.money_to_enforce, 0), coalesce(l.money_with_conditions, 0), coalesce(l.money_collected, 0)
        from ({ReportOnly}) p (province_code)
        cross join (values (1::smallint), (2::smallint), (3::smallint), (4::smallint)) k (category)
        cross join generate_series(@Start::date, @Last::date, interval '1 day') d (day)
        left join lateral (
            select r.id from report_effective r
            where r.stat_year = @Year and r.province_code = p.province_code and r.office_code is null and r.period_end <= d.day
            order by r.period_end desc limit 1) r on true
        left join statistical_report_line l on l.report_id = r.id and l.category = k.category
        """;

    private const string NationSql = """
        insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions,
                               cases_completed, money_to_enforce, money_with_conditions, money_collected)
        select @Year, 0, '', category, day, sum(cases_to_enforce), sum(cases_with_conditions),
               sum(cases_completed), sum(money_to_enforce), sum(money_with_conditions), sum(money_collected)
        from kpi_daily
        where stat_year = @Year and unit_kind = 1
        group by category, day
        """;
}

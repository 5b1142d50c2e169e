using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.Data.ReadModels;

public sealed record RefreshResult(string Kind, IReadOnlyList<int> Years, IReadOnlyList<string> Provinces, int RowsWritten, TimeSpan Duration, long? Version)
{
    public bool NothingToDo => Years.Count == 0;
}

/// <summary>What a committed refresh announces on the <c>kpi_refreshed</c> channel (well under 8 KB).</summary>
public sealed record RefreshNotice(long Version, int[] Years, string[] Provinces);

/// <summary>
/// Builds <c>kpi_daily</c> from the source tables: office rows from the cases and payments,
/// province rows from the offices, the nation from the provinces. Incremental refreshes redo
/// only the (year, province) pairs marked in <c>refresh_dirty</c>, and only from the first day
/// a change touched: a cumulative row before that day is the same as before, so the new rows
/// are that day's predecessor plus the changes since. Each committed refresh takes the next
/// read-model version and sends <c>NOTIFY kpi_refreshed</c>, delivered when it commits.
/// </summary>
public sealed class KpiRefresher(NpgsqlDataSource dataSource, TimeProvider time, Clock clock, ILogger<KpiRefresher> logger)
{
    public const string Channel = "kpi_refreshed";

    // One refresh at a time across every node, whichever path started it (Quartz job or change feed).
    private const long LockKey = 0x4D43_5245_4652; // "MCREFR"

    private sealed record Mark(int Year, string Province, long Number, DateOnly? FromDay);

    public async Task<RefreshResult> RefreshFullAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var _ = await ExclusiveAsync(connection, cancellationToken);
        var years = (await connection.QueryAsync<int>(new CommandDefinition(
            "select stat_year::int from enforcement_case group by 1 union select stat_year::int from statistical_report order by 1",
            commandTimeout: 600, cancellationToken: cancellationToken))).ToList();
        var marks = await MarksAsync(connection);
        var provinces = ReferenceData.Provinces.Select(p => p.Code).ToArray();
        var work = years.Select(y => (y, provinces.Select(p => (p, (DateOnly?)null)).ToList())).ToList();
        return await RefreshAsync(connection, "full", work, marks, truncate: true, cancellationToken);
    }

    public async Task<RefreshResult> RefreshDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var _ = await ExclusiveAsync(connection, cancellationToken);
        var marks = await MarksAsync(connection);
        var work = marks.GroupBy(m => m.Year)
            .ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Province, m => m.FromDay));
        // A new day in the running year needs its rows even where nothing changed.
        var current = clock.CurrentYear.Year;
        var lastDay = await connection.ExecuteScalarAsync<DateOnly?>(
            "select max(day) from kpi_daily where stat_year = @current and unit_kind = 0", new { current = (short)current });
        if (lastDay is { } day && day < clock.Today)
        {
            var pairs = work.TryGetValue(current, out var existing) ? existing : work[current] = [];
            foreach (var province in ReferenceData.Provinces)
            {
                pairs[province.Code] = pairs.TryGetValue(province.Code, out var from) ? Earlier(from, day.AddDays(1)) : day.AddDays(1);
            }
        }
        var list = work.OrderBy(w => w.Key).Select(w => (w.Key, w.Value.Select(p => (p.Key, p.Value)).ToList())).ToList();
        return await RefreshAsync(connection, "incremental", list, marks, truncate: false, cancellationToken);
    }

    private static async Task<IAsyncDisposable> ExclusiveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey }, commandTimeout: 0, cancellationToken: cancellationToken));
        return new Unlock(connection);
    }

    private sealed class Unlock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
            }
        }
    }

    private static async Task<List<Mark>> MarksAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<Mark>("select stat_year::int as year, province_code as province, mark as number, from_day from refresh_dirty")).ToList();

    /// <summary>The earlier of two "from" days, where null (the whole year) is earliest.</summary>
    private static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a < b ? a : b;

    private async Task<RefreshResult> RefreshAsync(NpgsqlConnection connection, string kind, List<(int Year, List<(string Province, DateOnly? From)> Pairs)> work,
        IReadOnlyList<Mark> marks, bool truncate, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var started = time.GetUtcNow();
        if (work.Count == 0)
        {
            return new RefreshResult(kind, [], [], 0, watch.Elapsed, null);
        }
        var today = clock.Today;
        var rows = 0;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (truncate)
        {
            await connection.ExecuteAsync("truncate kpi_daily", transaction: transaction);
        }
        foreach (var (year, pairs) in work)
        {
            var statisticalYear = clock.Year(year);
            if (statisticalYear.Start > today)
            {
                continue;
            }
            var last = statisticalYear.Clamp(today);
            // Never start after the last day already built for a province: its base row must exist.
            var built = truncate
                ? []
                : (await connection.QueryAsync<(string Code, DateOnly Day)>(
                    "select unit_code, max(day) from kpi_daily where stat_year = @year and unit_kind = 1 and unit_code = any(@codes) group by 1",
                    new { year = (short)year, codes = pairs.Select(p => p.Province).ToArray() }, transaction)).ToDictionary(b => b.Code, b => b.Day);
            var groups = pairs
                .Select(p => (p.Province, From: Effective(p.From, built.TryGetValue(p.Province, out var b) ? b : null, statisticalYear.Start)))
                .Where(p => p.From <= last)
                .GroupBy(p => p.From)
                .OrderBy(g => g.Key)
                .ToList();
            foreach (var group in groups)
            {
                var provinces = group.Select(g => g.Province).Order(StringComparer.Ordinal).ToArray();
                var offices = ReferenceData.Provinces.Where(p => provinces.Contains(p.Code))
                    .SelectMany(p => Enumerable.Range(1, p.RegionalOffices).Select(n => ReferenceData.OfficeCode(p.Code, n))).ToArray();
                var parameters = new
                {
                    Year = (short)year, Provinces = provinces, Offices = offices, Start = statisticalYear.Start,
                    From = group.Key, Base = group.Key.AddDays(-1), Last = last,
                };
                if (!truncate)
                {
                    await connection.ExecuteAsync("""
                        delete from kpi_daily where stat_year = @Year and unit_kind = 2 and unit_code = any(@Offices) and day >= @From;
                        delete from kpi_daily where stat_year = @Year and unit_kind = 1 and unit_code = any(@Provinces) and day >= @From;
                        """, parameters, transaction);
                }
                rows += await connection.ExecuteAsync(new CommandDefinition(OfficeSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
                rows += await connection.ExecuteAsync(new CommandDefinition(ProvinceSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
                // Provinces without case-level data this year take their rows from their statistical
                // reports, over the whole year (a report marks its province dirty for the whole year).
                await connection.ExecuteAsync(new CommandDefinition(ReportOnlyDeleteSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
                rows += await connection.ExecuteAsync(new CommandDefinition(ReportOnlyInsertSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            }
            if (groups.Count > 0)
            {
                var parameters = new { Year = (short)year, From = groups[0].Key };
                await connection.ExecuteAsync("delete from kpi_daily where stat_year = @Year and unit_kind = 0 and day >= @From", parameters, transaction);
                rows += await connection.ExecuteAsync(new CommandDefinition(NationSql, parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
            }
        }
        // Only marks seen at the start are cleared; a newer mark on the same pair survives.
        if (marks.Count > 0)
        {
            await connection.ExecuteAsync("""
                delete from refresh_dirty d using unnest(@years, @provinces, @numbers) as m (stat_year, province_code, mark)
                where d.stat_year = m.stat_year and d.province_code = m.province_code and d.mark = m.mark
                """, new { years = marks.Select(m => (short)m.Year).ToArray(), provinces = marks.Select(m => m.Province).ToArray(), numbers = marks.Select(m => m.Number).ToArray() }, transaction);
        }
        var years = work.Select(w => w.Year).ToArray();
        var allProvinces = work.SelectMany(w => w.Pairs.Select(p => p.Province)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var version = await connection.ExecuteScalarAsync<long>("select nextval('kpi_version_seq')", transaction: transaction);
        await connection.ExecuteAsync("""
            insert into refresh_run (kind, started_at, finished_at, years, provinces, rows_written)
            values (@kind, @started, now(), @years, @provinces, @rows);
            select pg_notify(@channel, @payload);
            """, new
        {
            kind, started, years = years.Select(y => (short)y).ToArray(), provinces = allProvinces, rows,
            channel = Channel, payload = JsonSerializer.Serialize(new RefreshNotice(version, years, allProvinces)),
        }, transaction);
        await transaction.CommitAsync(cancellationToken);
        var result = new RefreshResult(kind, years, allProvinces, rows, watch.Elapsed, version);
        logger.LogInformation("Refresh {Kind} v{Version}: years {Years}, {ProvinceCount} provinces, {Rows} rows in {Duration} ms",
            kind, version, string.Join(",", years), allProvinces.Length, rows, (long)watch.Elapsed.TotalMilliseconds);
        return result;
    }

    private static DateOnly Effective(DateOnly? from, DateOnly? built, DateOnly start)
    {
        if (from is null || built is null)
        {
            return start;
        }
        var day = from.Value < built.Value.AddDays(1) ? from.Value : built.Value.AddDays(1);
        return day < start ? start : day;
    }

    // Daily changes per office and category from @From on, added to each office's row of the day
    // before (@Base; none at the start of the year), over every day up to @Last (offices and
    // categories with nothing yet still get their rows).
    private const string OfficeSql = """
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
            select o.code as office_code, k.category, d.day::date as day
            from unnest(@Offices) o (code)
            cross join (values (1::smallint), (2::smallint), (3::smallint), (4::smallint)) k (category)
            cross join generate_series(@From::date, @Last::date, interval '1 day') d (day)
        ), base as (
            select unit_code as office_code, category, cases_to_enforce, cases_with_conditions, cases_completed,
                   money_to_enforce, money_with_conditions, money_collected
            from kpi_daily where stat_year = @Year and unit_kind = 2 and unit_code = any(@Offices) and day = @Base
        )
        insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions,
                               cases_completed, money_to_enforce, money_with_conditions, money_collected)
        select @Year, 2, g.office_code, g.category, g.day,
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

    private const string ProvinceSql = """
        insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions,
                               cases_completed, money_to_enforce, money_with_conditions, money_collected)
        select @Year, 1, o.province_code, k.category, k.day, sum(k.cases_to_enforce), sum(k.cases_with_conditions),
               sum(k.cases_completed), sum(k.money_to_enforce), sum(k.money_with_conditions), sum(k.money_collected)
        from kpi_daily k join office o on o.code = k.unit_code
        where k.stat_year = @Year and k.unit_kind = 2 and k.unit_code = any(@Offices) and k.day >= @From
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
        where stat_year = @Year and unit_kind = 1 and day >= @From
        group by category, day
        """;
}

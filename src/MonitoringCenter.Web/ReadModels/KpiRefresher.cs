using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.ReadModels;

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

    // One refresh at a time across every node, whichever path started it (Hangfire job or change feed).
    private const long LockKey = 0x4D43_5245_4652; // "MCREFR"

    private const int AnalyzeAfterRows = 10_000;

    private sealed record Mark(int Year, string Province, long Number, DateOnly? FromDay);

    /// <summary>Taken figure changes of case events (<c>kpi_delta</c>), summed per office, category and day.</summary>
    private sealed record Delta(int Year, string Province, string Office, short Category, DateOnly Day,
        long CasesToEnforce, long CasesWithConditions, long CasesCompleted, long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected,
        DateTime ArrivedAt);

    private sealed record Work(List<(int Year, List<(string Province, DateOnly? From)> Pairs)> Recount, List<Delta> Apply, IReadOnlyList<Mark> Marks,
        IReadOnlyList<Delta> Taken);

    public async Task<RefreshResult> RefreshFullAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var _ = await ExclusiveAsync(connection, cancellationToken);
        return await InSnapshotAsync(connection, async transaction =>
        {
            var years = (await connection.QueryAsync<int>(new CommandDefinition(
                "select stat_year::int from enforcement_case group by 1 union select stat_year::int from statistical_report order by 1",
                transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken))).ToList();
            var marks = await MarksAsync(connection, transaction);
            // Every pending figure change is in the cases this rebuild counts: taken and dropped.
            var taken = await TakeDeltasAsync(connection, transaction, cancellationToken);
            var provinces = ReferenceData.Provinces.Select(p => p.Code).ToArray();
            var recount = years.Select(y => (y, provinces.Select(p => (p, (DateOnly?)null)).ToList())).ToList();
            return await RefreshAsync(connection, transaction, "full", new Work(recount, [], marks, taken), truncate: true, cancellationToken);
        }, cancellationToken);
    }

    public async Task<RefreshResult> RefreshDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var _ = await ExclusiveAsync(connection, cancellationToken);
        return await InSnapshotAsync(connection, async transaction =>
        {
            var marks = await MarksAsync(connection, transaction);
            var taken = await TakeDeltasAsync(connection, transaction, cancellationToken);
            var work = marks.GroupBy(m => m.Year)
                .ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Province, m => m.FromDay));
            // A new day in the running year needs its rows even where nothing changed.
            var current = clock.CurrentYear.Year;
            var lastDay = await connection.ExecuteScalarAsync<DateOnly?>(
                "select max(day) from kpi_daily where stat_year = @current and unit_kind = 0", new { current = (short)current }, transaction);
            if (lastDay is { } day && day < clock.Today)
            {
                var pairs = work.TryGetValue(current, out var existing) ? existing : work[current] = [];
                foreach (var province in ReferenceData.Provinces)
                {
                    pairs[province.Code] = pairs.TryGetValue(province.Code, out var from) ? Earlier(from, day.AddDays(1)) : day.AddDays(1);
                }
            }
            var apply = await PlanDeltasAsync(connection, transaction, taken, work);
            var recount = work.OrderBy(w => w.Key).Select(w => (w.Key, w.Value.Select(p => (p.Key, p.Value)).ToList())).ToList();
            return await RefreshAsync(connection, transaction, "incremental", new Work(recount, apply, marks, taken), truncate: false, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="refresh"/> in one repeatable-read transaction: the figure changes it
    /// takes and the cases it recounts are seen as of the same moment, so no change is counted
    /// twice or missed. A concurrent writer of the same marks makes it start over.
    /// </summary>
    private async Task<RefreshResult> InSnapshotAsync(NpgsqlConnection connection, Func<NpgsqlTransaction, Task<RefreshResult>> refresh,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            try
            {
                return await refresh(transaction);
            }
            catch (PostgresException ex) when (attempt < 5 && ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                logger.LogInformation("Refresh crossed a concurrent writer ({Reason}); starting over", ex.MessageText);
            }
        }
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

    private static async Task<List<Mark>> MarksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (await connection.QueryAsync<Mark>("select stat_year::int as year, province_code as province, mark as number, from_day from refresh_dirty",
            transaction: transaction)).ToList();

    private static async Task<List<Delta>> TakeDeltasAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Delta>(new CommandDefinition("""
            with taken as (delete from kpi_delta returning *)
            select stat_year::int as year, province_code as province, office_code as office, category, day,
                   sum(cases_to_enforce)::bigint as cases_to_enforce, sum(cases_with_conditions)::bigint as cases_with_conditions,
                   sum(cases_completed)::bigint as cases_completed, sum(money_to_enforce)::bigint as money_to_enforce,
                   sum(money_with_conditions)::bigint as money_with_conditions, sum(money_collected)::bigint as money_collected,
                   max(at) as arrived_at
            from taken group by 1, 2, 3, 4, 5
            """, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken))).ToList();

    /// <summary>
    /// Which taken figure changes can be added to built rows. A (year, province) recounted from its
    /// cases anyway (marked, or on a new day) has them in its cases: its recount starts no later than
    /// its earliest change instead. So does one whose rows are not built up to today, and one whose
    /// rows must switch between its statistical reports and its cases (recounted over the year).
    /// Changes on days after the last built one are in the cases the new day's recount will count.
    /// </summary>
    private static async Task<List<Delta>> PlanDeltasAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Delta> taken,
        Dictionary<int, Dictionary<string, DateOnly?>> recount)
    {
        var apply = new List<Delta>();
        foreach (var year in taken.GroupBy(d => d.Year))
        {
            var codes = year.Select(d => d.Province).Distinct().ToArray();
            var built = (await connection.QueryAsync<(string Code, DateOnly Day)>(
                "select unit_code, max(day) from kpi_daily where stat_year = @year and unit_kind = 1 and unit_code = any(@codes) group by 1",
                new { year = (short)year.Key, codes }, transaction)).ToDictionary(b => b.Code, b => b.Day);
            // Provinces with statistical reports whose rows must switch source: counted from reports
            // (the province's rows are not the sum of its offices') although cases exist now, or
            // counted from cases although none are left.
            var reported = (await connection.QueryAsync<string>(
                "select distinct province_code from statistical_report where stat_year = @year and office_code is null and province_code = any(@codes)",
                new { year = (short)year.Key, codes }, transaction)).ToArray();
            var switching = reported.Length == 0 ? [] : (await connection.QueryAsync<string>(new CommandDefinition($"""
                select p.code
                from unnest(@reported) p (code)
                where not {FigureSources.HasCases("@year", "p.code")}
                   or exists (
                       select 1 from kpi_daily k
                       cross join lateral (
                           select sum(o.cases_to_enforce) as n, sum(o.cases_with_conditions) as w, sum(o.cases_completed) as c,
                                  sum(o.money_to_enforce) as mt, sum(o.money_with_conditions) as mw, sum(o.money_collected) as mc
                           from kpi_daily o
                           where o.stat_year = k.stat_year and o.unit_kind = 2 and o.unit_code > p.code || '-' and o.unit_code < p.code || '.'
                             and o.day = k.day and o.category = k.category) s
                       where k.stat_year = @year and k.unit_kind = 1 and k.unit_code = p.code
                         and k.day = (select max(day) from kpi_daily m where m.stat_year = @year and m.unit_kind = 1 and m.unit_code = p.code)
                         and (k.cases_to_enforce, k.cases_with_conditions, k.cases_completed, k.money_to_enforce, k.money_with_conditions, k.money_collected)
                             is distinct from (s.n, s.w, s.c, s.mt, s.mw, s.mc))
                """, new { year = (short)year.Key, reported }, transaction))).ToHashSet(StringComparer.Ordinal);
            var pairs = recount.TryGetValue(year.Key, out var existing) ? existing : [];
            foreach (var province in year.GroupBy(d => d.Province))
            {
                var earliest = province.Min(d => d.Day);
                if (pairs.TryGetValue(province.Key, out var from))
                {
                    pairs[province.Key] = Earlier(from, earliest);
                }
                else if (switching.Contains(province.Key))
                {
                    pairs[province.Key] = null;
                }
                else if (!built.TryGetValue(province.Key, out var last) || last < earliest)
                {
                    pairs[province.Key] = earliest;
                }
                else
                {
                    apply.AddRange(province.Where(d => d.Day <= last));
                }
            }
            if (pairs.Count > 0)
            {
                recount[year.Key] = pairs;
            }
        }
        return apply;
    }

    /// <summary>The earlier of two "from" days, where null (the whole year) is earliest.</summary>
    private static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a < b ? a : b;

    private async Task<RefreshResult> RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, Work work, bool truncate,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var started = time.GetUtcNow();
        if (work.Recount.Count == 0 && work.Apply.Count == 0)
        {
            if (work.Taken.Count > 0)
            {
                await RecordArrivalsAsync(connection, transaction, work.Taken);
                await transaction.CommitAsync(cancellationToken);
            }
            return new RefreshResult(kind, [], [], 0, watch.Elapsed, null);
        }
        var today = clock.Today;
        var rows = 0;
        if (truncate)
        {
            await connection.ExecuteAsync("truncate kpi_daily", transaction: transaction);
        }
        foreach (var year in work.Apply.GroupBy(d => d.Year))
        {
            var last = clock.Year(year.Key).Clamp(today);
            rows += await AddDeltasAsync(connection, transaction, year.Key, 2, last, year.GroupBy(d => (d.Office, d.Category, d.Day)), cancellationToken);
            rows += await AddDeltasAsync(connection, transaction, year.Key, 1, last, year.GroupBy(d => (d.Province, d.Category, d.Day)), cancellationToken);
            rows += await AddDeltasAsync(connection, transaction, year.Key, 0, last, year.GroupBy(d => ("", d.Category, d.Day)), cancellationToken);
        }
        foreach (var (year, pairs) in work.Recount)
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
        // Many new rows (a first build, a whole year recounted): the planner's picture of the table
        // is refreshed with them, so the next refreshes' lookups stay lookups.
        if (rows >= AnalyzeAfterRows)
        {
            await connection.ExecuteAsync(new CommandDefinition("analyze kpi_daily", transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken));
        }
        // Only marks seen at the start are cleared; a newer mark on the same pair survives.
        if (work.Marks.Count > 0)
        {
            await connection.ExecuteAsync("""
                delete from refresh_dirty d using unnest(@years, @provinces, @numbers) as m (stat_year, province_code, mark)
                where d.stat_year = m.stat_year and d.province_code = m.province_code and d.mark = m.mark
                """, new { years = work.Marks.Select(m => (short)m.Year).ToArray(), provinces = work.Marks.Select(m => m.Province).ToArray(), numbers = work.Marks.Select(m => m.Number).ToArray() }, transaction);
        }
        await RecordArrivalsAsync(connection, transaction, work.Taken);
        var years = work.Recount.Select(w => w.Year).Concat(work.Apply.Select(d => d.Year)).Distinct().Order().ToArray();
        var allProvinces = work.Recount.SelectMany(w => w.Pairs.Select(p => p.Province)).Concat(work.Apply.Select(d => d.Province))
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        var version = await connection.ExecuteScalarAsync<long>("select nextval('kpi_version_seq')", transaction: transaction);
        await connection.ExecuteAsync("""
            insert into refresh_run (kind, started_at, finished_at, years, provinces, rows_written)
            values (@kind, @started, clock_timestamp(), @years, @provinces, @rows);
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


    /// <summary>
    /// Adds summed figure changes to their unit's rows of their category from their day through
    /// <paramref name="last"/>. The cumulative increments are spelled out here, one per row, so the
    /// update is a key lookup per row whatever the planner knows about the table.
    /// </summary>
    private static async Task<int> AddDeltasAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int year, short kind, DateOnly last,
        IEnumerable<IGrouping<(string Code, short Category, DateOnly Day), Delta>> groups, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string Code, short Category, DateOnly Day), Indicators>();
        foreach (var group in groups)
        {
            var change = group.Aggregate(Indicators.Zero, (sum, d) => sum.Plus(new Indicators(
                d.CasesToEnforce, d.CasesWithConditions, d.CasesCompleted, d.MoneyToEnforce, d.MoneyWithConditions, d.MoneyCollected)));
            if (change == Indicators.Zero)
            {
                continue;
            }
            for (var day = group.Key.Day; day <= last; day = day.AddDays(1))
            {
                var key = (group.Key.Code, group.Key.Category, day);
                rows[key] = rows.TryGetValue(key, out var known) ? known.Plus(change) : change;
            }
        }
        if (rows.Count == 0)
        {
            return 0;
        }
        await using var command = new NpgsqlCommand("""
            update kpi_daily k set cases_to_enforce = k.cases_to_enforce + a.n, cases_with_conditions = k.cases_with_conditions + a.w,
                                   cases_completed = k.cases_completed + a.c, money_to_enforce = k.money_to_enforce + a.mt,
                                   money_with_conditions = k.money_with_conditions + a.mw, money_collected = k.money_collected + a.mc
            from unnest($3, $4, $5, $6, $7, $8, $9, $10, $11) a (unit_code, category, day, n, w, c, mt, mw, mc)
            where k.stat_year = $1 and k.unit_kind = $2 and k.unit_code = a.unit_code and k.day = a.day and k.category = a.category
            """, connection, transaction)
        {
            CommandTimeout = 600,
        };
        var list = rows.ToList();
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)year });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = list.Select(r => r.Key.Code).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = list.Select(r => r.Key.Category).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = list.Select(r => r.Key.Day).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = list.Select(r => r.Value.CasesToEnforce).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = list.Select(r => r.Value.CasesWithConditions).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = list.Select(r => r.Value.CasesCompleted).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = list.Select(r => r.Value.MoneyToEnforce).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = list.Select(r => r.Value.MoneyWithConditions).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = list.Select(r => r.Value.MoneyCollected).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>When each province's events arrived, for <c>province_data_mark</c> (marks record it by trigger).</summary>
    private static async Task RecordArrivalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Delta> taken)
    {
        var arrivals = taken.GroupBy(d => d.Province).Select(g => (Province: g.Key, At: g.Max(d => d.ArrivedAt))).ToList();
        if (arrivals.Count == 0)
        {
            return;
        }
        await connection.ExecuteAsync("""
            insert into province_data_mark (province_code, last_data_at) select * from unnest(@provinces, @at)
            on conflict (province_code) do update set last_data_at = greatest(province_data_mark.last_data_at, excluded.last_data_at)
            """, new { provinces = arrivals.Select(a => a.Province).ToArray(), at = arrivals.Select(a => a.At).ToArray() }, transaction);
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

    private static readonly string ReportOnly = $"""
        select distinct r.province_code from statistical_report r
        where r.stat_year = @Year and r.office_code is null and r.province_code = any(@Provinces)
          and not {FigureSources.HasCases("@Year", "r.province_code")}
        """;

    private static readonly string ReportOnlyDeleteSql = $"""
        delete from kpi_daily where stat_year = @Year and unit_kind = 1 and unit_code in ({ReportOnly})
        """;

    // Each day shows the latest effective report (latest official, else latest preliminary) whose
    // period ended by then; before the first report the province counts zero.
    private static readonly string ReportOnlyInsertSql = $"""
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

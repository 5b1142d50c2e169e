using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>
/// Builds <c>kpi_daily</c> from the source tables: office rows from the cases and payments,
/// province rows from the offices, the nation from the provinces. Incremental refreshes redo
/// only the (year, province) pairs marked in <c>refresh_dirty</c>, and only from the first day
/// a change touched: a cumulative row before that day is the same as before, so the new rows
/// are that day's predecessor plus the changes since. Each committed refresh takes the next
/// read-model version and sends <c>NOTIFY kpi_refreshed</c>, delivered when it commits.
/// What to redo is decided by <see cref="RefreshPlan"/>, the statements are in <see cref="KpiRefreshSql"/>;
/// this class reads the facts, holds the lock and the transaction, and runs the plan.
/// </summary>
public sealed class KpiRefresher(NpgsqlDataSource dataSource, TimeProvider time, Clock clock, ILogger<KpiRefresher> logger)
{
    public const string Channel = "kpi_refreshed";

    // One refresh at a time across every node, whichever path started it.
    private const long LockKey = 0x4D43_5245_4652; // "MCREFR"

    private const int AnalyzeAfterRows = 10_000;

    /// <summary>A whole year recounted on a large data set takes minutes, not the default 30 s.</summary>
    private const int LongStatementSeconds = 600;

    /// <summary>Tries of a refresh that crosses a concurrent writer before the error is let through.</summary>
    private const int Attempts = 5;

    public Task<RefreshResult> RefreshFullAsync(CancellationToken cancellationToken = default) =>
        RefreshAsync(async (connection, transaction) =>
        {
            var years = (await connection.QueryAsync<int>(new CommandDefinition(KpiRefreshSql.Years,
                transaction: transaction, commandTimeout: LongStatementSeconds, cancellationToken: cancellationToken))).ToList();
            var marks = await MarksAsync(connection, transaction);
            // Every pending figure change is in the cases this rebuild counts: taken and dropped.
            var taken = await TakeDeltasAsync(connection, transaction, cancellationToken);
            return RefreshPlan.Full(years, ReferenceData.Provinces.Select(p => p.Code).ToArray(), marks, taken);
        }, cancellationToken);

    public Task<RefreshResult> RefreshDirtyAsync(CancellationToken cancellationToken = default) =>
        RefreshAsync(async (connection, transaction) =>
        {
            var plan = RefreshPlan.Incremental(await MarksAsync(connection, transaction), await TakeDeltasAsync(connection, transaction, cancellationToken));
            var current = clock.CurrentYear.Year;
            var lastDay = await connection.ExecuteScalarAsync<DateOnly?>(KpiRefreshSql.NationLastDay, new { current = (short)current }, transaction);
            plan.RecountNewDay(current, lastDay, clock.Today, ReferenceData.Provinces.Select(p => p.Code));
            foreach (var (year, codes) in plan.TakenYears.ToList())
            {
                var built = await LastDaysAsync(connection, transaction, year, codes);
                var reported = (await connection.QueryAsync<string>(KpiRefreshSql.Reported, new { year = (short)year, codes }, transaction)).ToArray();
                var switching = reported.Length == 0 ? [] : (await connection.QueryAsync<string>(new CommandDefinition(KpiRefreshSql.Switching,
                    new { year = (short)year, reported }, transaction))).ToHashSet(StringComparer.Ordinal);
                plan.PlaceDeltas(year, built, switching);
            }
            return plan;
        }, cancellationToken);

    /// <summary>
    /// Plans and runs a refresh holding the lock, in one repeatable-read transaction: the figure
    /// changes it takes and the cases it recounts are seen as of the same moment, so no change is
    /// counted twice or missed. A concurrent writer of the same marks makes it start over.
    /// </summary>
    private async Task<RefreshResult> RefreshAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<RefreshPlan>> plan, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var _ = await ExclusiveAsync(connection, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            try
            {
                return await RunAsync(connection, transaction, await plan(connection, transaction), cancellationToken);
            }
            catch (PostgresException ex) when (attempt < Attempts && ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                logger.LogInformation("Refresh crossed a concurrent writer ({Reason}); starting over", ex.MessageText);
            }
        }
    }

    private static async Task<IAsyncDisposable> ExclusiveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(KpiRefreshSql.Lock, new { LockKey }, commandTimeout: 0, cancellationToken: cancellationToken));
        return new Unlock(connection);
    }

    private sealed class Unlock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State == ConnectionState.Open)
            {
                await connection.ExecuteAsync(KpiRefreshSql.Unlock, new { LockKey });
            }
        }
    }

    private static async Task<List<RefreshMark>> MarksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (await connection.QueryAsync<RefreshMark>(KpiRefreshSql.Marks, transaction: transaction)).ToList();

    private static async Task<List<FigureDelta>> TakeDeltasAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<FigureDelta>(new CommandDefinition(KpiRefreshSql.TakeDeltas,
            transaction: transaction, commandTimeout: LongStatementSeconds, cancellationToken: cancellationToken))).ToList();

    /// <summary>The last day built for each of the provinces <paramref name="codes"/>.</summary>
    private static async Task<Dictionary<string, DateOnly>> LastDaysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int year,
        IReadOnlyCollection<string> codes) =>
        (await connection.QueryAsync<(string Code, DateOnly Day)>(KpiRefreshSql.ProvinceLastDays, new { year = (short)year, codes }, transaction))
        .ToDictionary(b => b.Code, b => b.Day);

    private async Task<RefreshResult> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RefreshPlan plan,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var started = time.GetUtcNow();
        if (plan.NothingToDo)
        {
            if (plan.Taken.Count > 0)
            {
                await RecordArrivalsAsync(connection, transaction, plan);
                await transaction.CommitAsync(cancellationToken);
            }
            return new RefreshResult(plan.Kind, [], [], 0, watch.Elapsed, null);
        }
        var today = clock.Today;
        var rows = 0;
        if (plan.Rebuild)
        {
            await connection.ExecuteAsync(KpiRefreshSql.Truncate, transaction: transaction);
        }
        foreach (var year in plan.Apply.GroupBy(d => d.Year))
        {
            var last = clock.Year(year.Key).Clamp(today);
            rows += await AddAsync(connection, transaction, year.Key, UnitKind.Office, RefreshPlan.Increments(year, d => d.Office, last), cancellationToken);
            rows += await AddAsync(connection, transaction, year.Key, UnitKind.Province, RefreshPlan.Increments(year, d => d.Province, last), cancellationToken);
            rows += await AddAsync(connection, transaction, year.Key, UnitKind.Nation, RefreshPlan.Increments(year, _ => "", last), cancellationToken);
        }
        foreach (var recount in plan.Recount)
        {
            rows += await RecountAsync(connection, transaction, plan, recount, today, cancellationToken);
        }
        // Many new rows (a first build, a whole year recounted): the planner's picture of the table
        // is refreshed with them, so the next refreshes' lookups stay lookups.
        if (rows >= AnalyzeAfterRows)
        {
            await connection.ExecuteAsync(new CommandDefinition(KpiRefreshSql.Analyze, transaction: transaction, commandTimeout: LongStatementSeconds,
                cancellationToken: cancellationToken));
        }
        if (plan.Marks.Count > 0)
        {
            await connection.ExecuteAsync(KpiRefreshSql.ClearMarks, new
            {
                years = plan.Marks.Select(m => (short)m.Year).ToArray(),
                provinces = plan.Marks.Select(m => m.Province).ToArray(),
                numbers = plan.Marks.Select(m => m.Number).ToArray(),
            }, transaction);
        }
        await RecordArrivalsAsync(connection, transaction, plan);
        var years = plan.Years;
        var provinces = plan.Provinces;
        var version = await connection.ExecuteScalarAsync<long>(KpiRefreshSql.NextVersion, transaction: transaction);
        await connection.ExecuteAsync(KpiRefreshSql.RecordRunAndNotify, new
        {
            kind = plan.Kind, started, years = years.Select(y => (short)y).ToArray(), provinces, rows,
            channel = Channel, payload = JsonSerializer.Serialize(new RefreshNotice(version, years, provinces)),
        }, transaction);
        await transaction.CommitAsync(cancellationToken);
        var result = new RefreshResult(plan.Kind, years, provinces, rows, watch.Elapsed, version);
        Operations.CenterMetrics.Refreshed(plan.Kind, rows, watch.Elapsed, version);
        logger.LogInformation("Refresh {Kind} v{Version}: years {Years}, {ProvinceCount} provinces, {Rows} rows in {Duration} ms",
            plan.Kind, version, string.Join(",", years), provinces.Length, rows, (long)watch.Elapsed.TotalMilliseconds);
        return result;
    }

    /// <summary>Recounts one year's pairs from their cases (or reports), then the nation from the earliest day any of them starts.</summary>
    private async Task<int> RecountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RefreshPlan plan, YearRecount recount,
        DateOnly today, CancellationToken cancellationToken)
    {
        var statisticalYear = clock.Year(recount.Year);
        if (statisticalYear.Start > today)
        {
            return 0;
        }
        var last = statisticalYear.Clamp(today);
        var built = plan.Rebuild ? [] : await LastDaysAsync(connection, transaction, recount.Year, [.. recount.Pairs.Select(p => p.Province)]);
        var batches = RefreshPlan.Batches(recount, built, statisticalYear.Start, last);
        var rows = 0;
        foreach (var batch in batches)
        {
            var parameters = new
            {
                Year = (short)recount.Year, Provinces = batch.Provinces.ToArray(), Offices = batch.Offices.ToArray(), Start = statisticalYear.Start,
                batch.From, Base = batch.From.AddDays(-1), Last = last,
            };
            if (!plan.Rebuild)
            {
                await connection.ExecuteAsync(KpiRefreshSql.DeleteFrom, parameters, transaction);
            }
            rows += await ExecuteLongAsync(connection, transaction, KpiRefreshSql.Office, parameters, cancellationToken);
            rows += await ExecuteLongAsync(connection, transaction, KpiRefreshSql.Province, parameters, cancellationToken);
            await ExecuteLongAsync(connection, transaction, KpiRefreshSql.DeleteReportOnly, parameters, cancellationToken);
            rows += await ExecuteLongAsync(connection, transaction, KpiRefreshSql.ReportOnly, parameters, cancellationToken);
        }
        if (batches.Count > 0)
        {
            var parameters = new { Year = (short)recount.Year, batches[0].From };
            await connection.ExecuteAsync(KpiRefreshSql.DeleteNationFrom, parameters, transaction);
            rows += await ExecuteLongAsync(connection, transaction, KpiRefreshSql.Nation, parameters, cancellationToken);
        }
        return rows;
    }

    private static Task<int> ExecuteLongAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object parameters,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, commandTimeout: LongStatementSeconds, cancellationToken: cancellationToken));

    /// <summary>Adds <paramref name="increments"/> to built rows of one unit kind.</summary>
    private static async Task<int> AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int year, UnitKind kind,
        IReadOnlyList<DailyIncrement> increments, CancellationToken cancellationToken)
    {
        if (increments.Count == 0)
        {
            return 0;
        }
        await using var command = new NpgsqlCommand(KpiRefreshSql.AddIncrements, connection, transaction)
        {
            CommandTimeout = LongStatementSeconds,
        };
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)year });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)kind });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = increments.Select(r => r.Unit).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = increments.Select(r => r.Category).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = increments.Select(r => r.Day).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = increments.Select(r => r.Change.CasesToEnforce).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = increments.Select(r => r.Change.CasesWithConditions).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = increments.Select(r => r.Change.CasesCompleted).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = increments.Select(r => r.Change.MoneyToEnforce).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = increments.Select(r => r.Change.MoneyWithConditions).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = increments.Select(r => r.Change.MoneyCollected).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RecordArrivalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RefreshPlan plan)
    {
        var arrivals = plan.Arrivals;
        if (arrivals.Count == 0)
        {
            return;
        }
        await connection.ExecuteAsync(KpiRefreshSql.RecordArrivals,
            new { provinces = arrivals.Select(a => a.Province).ToArray(), at = arrivals.Select(a => a.At).ToArray() }, transaction);
    }
}

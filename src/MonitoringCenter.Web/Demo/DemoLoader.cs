using System.Diagnostics;
using Dapper;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using Npgsql;
using NpgsqlTypes;

namespace MonitoringCenter.Web.Demo;

/// <summary>
/// Loads the demo data set into an empty database with binary COPY, then builds the read
/// models. Does nothing when case data is already there, so running it again is cheap.
/// </summary>
public sealed class DemoLoader(
    NpgsqlDataSource dataSource,
    KpiRefresher refresher,
    Clock clock,
    ILogger<DemoLoader> logger)
{
    /// <param name="years">Which planned years to load; all of <see cref="DemoPlan.Years"/> when null.</param>
    /// <param name="progress">Receives one human-readable line per step.</param>
    public async Task<bool> LoadIfEmptyAsync(IReadOnlyCollection<int>? years = null, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress ??= line => logger.LogInformation("{Progress}", line);
        var today = clock.Today;
        var plans = DemoPlan.Years.Where(p => years is null || years.Contains(p.Year)).ToList();
        bool readModelsBuilt;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            // Each year is copied in one transaction, so a year is either wholly there or absent.
            var present = (await connection.QueryAsync<int>(
                "select y from unnest(@years) y where exists (select 1 from enforcement_case where stat_year = y)",
                new { years = plans.Select(p => (short)p.Year).ToArray() })).ToHashSet();
            plans = plans.Where(p => !present.Contains(p.Year)).ToList();
            readModelsBuilt = await connection.ExecuteScalarAsync<bool>("select exists (select 1 from kpi_daily)");
        }
        if (plans.Count == 0 && readModelsBuilt)
        {
            progress("Demo data: already loaded, nothing to do.");
            return false;
        }
        var total = Stopwatch.StartNew();
        await SeedTargetsAsync(plans, cancellationToken);
        // Two years at a time: generation is cheap, COPY keeps one server core busy per connection.
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (plan, ct) =>
        {
            var watch = Stopwatch.StartNew();
            var generated = new DemoDataGenerator().Generate(plan, today, clock.YearStartMonth);
            progress($"Demo data: statistical year {plan.Year}: generated {generated.Cases.Count:N0} cases, {generated.Collections.Count:N0} payments ({watch.Elapsed.TotalSeconds:F1} s); copying…");
            await CopyAsync(generated, ct);
            progress($"Demo data: statistical year {plan.Year}: loaded ({watch.Elapsed.TotalSeconds:F1} s).");
        });
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                select setval(pg_get_serial_sequence('enforcement_case', 'id'), (select max(id) from enforcement_case));
                analyze enforcement_case;
                analyze collection;
                """, commandTimeout: 600, cancellationToken: cancellationToken));
        }
        progress($"Demo data: building read models…");
        var refreshed = await refresher.RefreshFullAsync(cancellationToken);
        progress($"Demo data: done: {refreshed.RowsWritten:N0} read-model rows, {total.Elapsed.TotalSeconds:F1} s in all.");
        return true;
    }

    private async Task SeedTargetsAsync(IReadOnlyList<YearPlan> plans, CancellationToken cancellationToken)
    {
        var rows = new List<object>();
        foreach (var (year, cases, money) in DemoPlan.EarlierTargets)
        {
            rows.Add(new { Year = year, Province = (string?)null, Cases = cases, Money = money });
        }
        foreach (var plan in plans)
        {
            rows.Add(new { Year = plan.Year, Province = (string?)null, Cases = plan.CaseTarget, Money = plan.MoneyTarget });
            // Provinces get targets around the national ones, fixed by the seed.
            var random = new Random(plan.Year);
            foreach (var province in ReferenceData.Provinces)
            {
                var caseOffset = (decimal)Math.Round((random.NextDouble() - 0.5) * 0.016, 4);
                var moneyOffset = (decimal)Math.Round((random.NextDouble() - 0.5) * 0.04, 4);
                rows.Add(new { Year = plan.Year, Province = (string?)province.Code, Cases = plan.CaseTarget + caseOffset, Money = plan.MoneyTarget + moneyOffset });
            }
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            insert into target (stat_year, province_code, case_rate, money_rate, source, set_on)
            select @Year, @Province, @Cases, @Money, 'Demo: National Assembly resolution / Ministry assignment', make_date(@Year - 1, 10, 1)
            where not exists (select 1 from target where stat_year = @Year and province_code is not distinct from @Province)
            """, rows);
    }

    private async Task CopyAsync(GeneratedYear generated, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync("""
            copy enforcement_case (id, stat_year, province_code, office_code, category, origin, accepted_on, condition,
                classified_on, status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected,
                steering_committee, opened_on, status_since)
            from stdin (format binary)
            """, cancellationToken))
        {
            // A million rows on a cold two-core machine take longer than the default 30 s.
            writer.Timeout = TimeSpan.FromMinutes(10);
            foreach (var c in generated.Cases)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(c.Id, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(c.Year, NpgsqlDbType.Smallint, cancellationToken);
                await writer.WriteAsync(c.ProvinceCode, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(c.OfficeCode, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync((short)c.Category, NpgsqlDbType.Smallint, cancellationToken);
                await writer.WriteAsync((short)c.Origin, NpgsqlDbType.Smallint, cancellationToken);
                await writer.WriteAsync(c.AcceptedOn, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync<short>(writer, c.Condition is { } condition ? (short)condition : null, NpgsqlDbType.Smallint, cancellationToken);
                await WriteNullableAsync(writer, c.ClassifiedOn, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync((short)c.Status, NpgsqlDbType.Smallint, cancellationToken);
                await WriteNullableAsync(writer, c.CompletedOn, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(c.AmountToEnforce, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(c.AmountWithConditions, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(c.AmountCollected, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(c.SteeringCommittee, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(writer, c.OpenedOn, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(writer, c.StatusSince, NpgsqlDbType.Date, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy collection (case_id, stat_year, collected_on, amount) from stdin (format binary)", cancellationToken))
        {
            writer.Timeout = TimeSpan.FromMinutes(10);
            foreach (var c in generated.Collections)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(c.CaseId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(c.Year, NpgsqlDbType.Smallint, cancellationToken);
                await writer.WriteAsync(c.CollectedOn, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(c.Amount, NpgsqlDbType.Bigint, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await connection.ExecuteAsync("""
            insert into refresh_dirty (stat_year, province_code)
            select @Year, code from province
            on conflict do nothing
            """, new { generated.Year }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, type, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }
    }
}

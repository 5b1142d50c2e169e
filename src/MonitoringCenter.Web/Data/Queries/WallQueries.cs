using Dapper;
using MonitoringCenter.Web.Model;
using Npgsql;

namespace MonitoringCenter.Web.Data.Queries;

/// <summary>Read-model queries behind the national wall. Reads <c>kpi_daily</c> only, never the source tables.</summary>
public sealed class WallQueries(NpgsqlDataSource dataSource, Clock clock)
{
    private sealed record Row(short Category, long CasesToEnforce, long CasesWithConditions, long CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    public async Task<NationalSnapshot> NationalAsync(int year, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var statisticalYear = clock.Year(year);
        var requested = statisticalYear.Clamp(asOf);
        var (day, categories) = await UnitDayAsync(connection, year, 0, "", requested, cancellationToken);
        // Compare with the same calendar date last year as the day actually shown, so a current
        // year whose data ends yesterday is compared like for like.
        var lastYearDay = StatisticalYear.SameDateLastYear(day ?? requested);
        var (previousDay, previous) = await UnitDayAsync(connection, year - 1, 0, "", lastYearDay, cancellationToken);
        var target = await connection.QueryFirstOrDefaultAsync<(decimal Cases, decimal Money)?>(new CommandDefinition("""
            select case_rate, money_rate from target
            where stat_year = @year and province_code is null
            order by set_at desc, id desc limit 1
            """, new { year = (short)year }, cancellationToken: cancellationToken));
        var refreshedAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "select max(finished_at) from refresh_run", cancellationToken: cancellationToken));
        return new NationalSnapshot(year, requested, day, categories,
            previousDay == lastYearDay ? previousDay : null, previousDay == lastYearDay ? previous : new Dictionary<Category, Indicators>(),
            target?.Cases, target?.Money,
            refreshedAt is { } at ? clock.Local(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : null);
    }

    /// <summary>The version of the last committed refresh (0 before the first).</summary>
    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select case when is_called then last_value else 0 end from kpi_version_seq", cancellationToken: cancellationToken));
    }

    /// <summary>The latest read-model day on or before <paramref name="asOf"/>, with its rows per category.</summary>
    private static async Task<(DateOnly? Day, Dictionary<Category, Indicators> Categories)> UnitDayAsync(
        NpgsqlConnection connection, int year, short unitKind, string unitCode, DateOnly asOf, CancellationToken cancellationToken)
    {
        var parameters = new { year = (short)year, unitKind, unitCode, asOf };
        var day = await connection.ExecuteScalarAsync<DateOnly?>(new CommandDefinition("""
            select max(day) from kpi_daily
            where stat_year = @year and unit_kind = @unitKind and unit_code = @unitCode and day <= @asOf
            """, parameters, cancellationToken: cancellationToken));
        if (day is null)
        {
            return (null, []);
        }
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            select category, cases_to_enforce::bigint, cases_with_conditions::bigint, cases_completed::bigint,
                   money_to_enforce, money_with_conditions, money_collected
            from kpi_daily
            where stat_year = @year and unit_kind = @unitKind and unit_code = @unitCode and day = @day
            """, new { parameters.year, unitKind, unitCode, day }, cancellationToken: cancellationToken));
        return (day, rows.ToDictionary(r => (Category)r.Category, r => new Indicators(
            r.CasesToEnforce, r.CasesWithConditions, r.CasesCompleted, r.MoneyToEnforce, r.MoneyWithConditions, r.MoneyCollected)));
    }
}

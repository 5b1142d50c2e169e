using Dapper;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Infrastructure;

/// <summary>
/// A small database for the running statistical year (by the real clock, as the app under test
/// sees it): reference data, a handful of cases, read models built. Changes go in the way every
/// writer makes them: the source rows and the dirty mark in one transaction.
/// </summary>
public sealed class LiveDatabase : IAsyncDisposable
{
    private LiveDatabase(TestDatabase database, Clock clock)
    {
        Database = database;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public Clock Clock { get; }

    public static async Task<LiveDatabase> CreateAsync(string purpose)
    {
        var database = await TestDatabase.CreateAsync(purpose);
        await using var app = database.BuildServices(TimeProvider.System);
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await app.Services.GetRequiredService<ReferenceData>().EnsureAsync();
        var live = new LiveDatabase(database, app.Services.GetRequiredService<Clock>());
        await live.AddCompletedCasesAsync("01", 10, completed: 7);
        await app.Services.GetRequiredService<KpiRefresher>().RefreshFullAsync();
        return live;
    }

    /// <summary><paramref name="count"/> cases accepted today in the province's first office, <paramref name="completed"/> of them completed today.</summary>
    public async Task AddCompletedCasesAsync(string province, int count, int completed)
    {
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var today = Clock.Today;
        await connection.ExecuteAsync("""
            insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
                                          status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected)
            select @year, @province, @province || '-01', 4, 2, @today, 1, @today,
                   case when n <= @completed then 2 else 1 end, case when n <= @completed then @today end, 1000000, 1000000, 0
            from generate_series(1, @count) n
            """, new { year = (short)Clock.CurrentYear.Year, province, today, count, completed }, transaction);
        await connection.ExecuteAsync("""
            insert into refresh_dirty (stat_year, province_code, from_day) values (@year, @province, @today)
            on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq'),
                from_day = case when refresh_dirty.from_day is null or excluded.from_day is null then null
                                else least(refresh_dirty.from_day, excluded.from_day) end
            """, new { year = (short)Clock.CurrentYear.Year, province, today }, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>An alert firing for a province, stored as the evaluator stores one (the alert and its transitions).</summary>
    public async Task FireAlertAsync(string province, string message)
    {
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, last_evaluated_at)
            values ('behind-pace-cases', @province, 2, 'firing', @message, 3.2, 2, now(), now(), now())
            returning id
            """, new { province, message }, transaction);
        await connection.ExecuteAsync("""
            insert into alert_transition (alert_id, action, from_state, to_state, actor) values
                (@id, 'open', null, 'pending', 'system'), (@id, 'fire', 'pending', 'firing', 'system')
            """, new { id }, transaction);
        await transaction.CommitAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

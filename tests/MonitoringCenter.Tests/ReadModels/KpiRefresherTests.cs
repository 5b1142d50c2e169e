using Dapper;
using Microsoft.Extensions.Time.Testing;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Tests.ReadModels;

/// <summary>Hand-made cases in a database of their own; the refresh must follow every change.</summary>
[Trait("Category", "Database")]
public sealed class KpiRefresherTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 10, 3, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("refresh");
        _app = await _database.MigratedServicesAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<long> AddCaseAsync(string office, DateOnly accepted, bool withConditions, long money, DateOnly? completed = null, DateOnly? fromDay = null)
    {
        await using var connection = await _database.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
                                          status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected)
            values (2026, split_part(@office, '-', 1), @office, 4, 2, @accepted, @condition, @accepted,
                    case when @completed::date is null then 1 else 2 end, @completed, @money, case when @condition = 1 then @money else 0 end, 0)
            returning id
            """, new { office, accepted, condition = (short)(withConditions ? 1 : 2), completed, money });
        await connection.ExecuteAsync("""
            insert into refresh_dirty (stat_year, province_code, from_day) values (2026, split_part(@office, '-', 1), @fromDay)
            on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq'),
                from_day = case when refresh_dirty.from_day is null or excluded.from_day is null then null
                                else least(refresh_dirty.from_day, excluded.from_day) end
            """, new { office, fromDay });
        return id;
    }

    [Fact]
    public async Task RefreshDirty_CountsNewCasesAndCompletions_FromTheirDaysOn()
    {
        var refresher = _app.Services.GetRequiredService<KpiRefresher>();
        var queries = _app.Services.GetRequiredService<WallQueries>();
        await AddCaseAsync("01-01", new DateOnly(2025, 10, 5), withConditions: true, money: 5_000_000, completed: new DateOnly(2025, 12, 1));
        await AddCaseAsync("79-03", new DateOnly(2025, 11, 1), withConditions: true, money: 7_000_000);
        await AddCaseAsync("79-03", new DateOnly(2025, 11, 2), withConditions: false, money: 1_000_000);

        var result = await refresher.RefreshDirtyAsync();
        var november = await queries.NationalAsync(2026, new DateOnly(2025, 11, 30));
        var today = await queries.NationalAsync(2026, new DateOnly(2026, 1, 10));

        Assert.Equal(["01", "79"], result.Provinces);
        Assert.Equal(3, november.Total.CasesToEnforce);
        Assert.Equal(2, november.Total.CasesWithConditions);
        Assert.Equal(0, november.Total.CasesCompleted);
        Assert.Equal(1, today.Total.CasesCompleted);
        Assert.Equal(0.5m, today.Total.CaseRate);
        Assert.Equal(new DateOnly(2026, 1, 10), today.AsOf);
    }

    [Fact]
    public async Task RefreshDirty_OnlyRedoesMarkedProvinces_AndClearsTheirMarks()
    {
        var refresher = _app.Services.GetRequiredService<KpiRefresher>();
        await AddCaseAsync("01-01", new DateOnly(2025, 10, 5), withConditions: true, money: 5_000_000);
        await refresher.RefreshDirtyAsync();

        await AddCaseAsync("79-01", new DateOnly(2025, 10, 6), withConditions: true, money: 1);
        var second = await refresher.RefreshDirtyAsync();
        var third = await refresher.RefreshDirtyAsync();

        Assert.Equal(["79"], second.Provinces);
        Assert.True(third.NothingToDo);
        await using var connection = await _database.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "select sum(cases_to_enforce) from kpi_daily where unit_kind = 0 and stat_year = 2026 and day = '2026-01-10'"));
    }

    [Fact]
    public async Task RefreshDirty_OnANewDay_ExtendsTheRunningYearWithoutAnyChange()
    {
        var refresher = _app.Services.GetRequiredService<KpiRefresher>();
        var queries = _app.Services.GetRequiredService<WallQueries>();
        await AddCaseAsync("01-01", new DateOnly(2025, 10, 5), withConditions: true, money: 5_000_000);
        await refresher.RefreshDirtyAsync();

        _time.Advance(TimeSpan.FromDays(2));
        await refresher.RefreshDirtyAsync();
        var snapshot = await queries.NationalAsync(2026, new DateOnly(2026, 1, 12));

        Assert.Equal(new DateOnly(2026, 1, 12), snapshot.AsOf);
        Assert.Equal(1, snapshot.Total.CasesToEnforce);
    }

    [Fact]
    public async Task RefreshDirty_FromTheFirstChangedDay_GivesTheSameRowsAsAFullRebuild()
    {
        var refresher = _app.Services.GetRequiredService<KpiRefresher>();
        await AddCaseAsync("01-01", new DateOnly(2025, 10, 5), withConditions: true, money: 5_000_000, completed: new DateOnly(2025, 12, 1));
        await AddCaseAsync("01-02", new DateOnly(2025, 10, 20), withConditions: false, money: 3_000_000);
        await AddCaseAsync("79-01", new DateOnly(2025, 10, 21), withConditions: true, money: 3_000_000);
        await refresher.RefreshFullAsync();
        // Later changes, each marked only from the day it touches.
        await AddCaseAsync("01-02", new DateOnly(2025, 12, 24), withConditions: true, money: 9_000_000, completed: new DateOnly(2026, 1, 3), fromDay: new DateOnly(2025, 12, 24));
        await AddCaseAsync("79-05", new DateOnly(2026, 1, 9), withConditions: true, money: 1_000_000, fromDay: new DateOnly(2026, 1, 9));
        var incremental = await refresher.RefreshDirtyAsync();
        var afterIncremental = await ReadModelAsync();

        await refresher.RefreshFullAsync();
        var afterFull = await ReadModelAsync();

        Assert.Equal(["01", "79"], incremental.Provinces);
        // 01 from 24 December (18 days x 29 offices x 4 categories, and its own rows), 79 from 9 January, the nation from 24 December.
        Assert.Equal((29 * 4 * 18) + (4 * 18) + (19 * 4 * 2) + (4 * 2) + (4 * 18), incremental.RowsWritten);
        Assert.Equal(afterFull.Count, afterIncremental.Count);
        Assert.Equal(afterFull, afterIncremental);
    }

    private async Task<List<string>> ReadModelAsync()
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<string>("""
            select concat_ws('|', stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions, cases_completed,
                             money_to_enforce, money_with_conditions, money_collected)
            from kpi_daily order by 1
            """)).ToList();
    }
}

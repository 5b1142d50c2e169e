using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Watch;
using Npgsql;

namespace MonitoringCenter.Tests.Watch;

/// <summary>The four watch lists against real PostgreSQL on a hand-made set of cases in two provinces.</summary>
[Trait("Category", "Database")]
public sealed class WatchQueriesTests : IAsyncLifetime
{
    private const long Tỷ = 1_000_000_000;
    private static readonly DateOnly AsOf = new(2026, 11, 25);
    private static readonly StatisticalYear Year = new(2027);

    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private WatchQueries _queries = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("watch");
        _app = await _database.MigratedServicesAsync();
        _queries = new WatchQueries(_app.Services.GetRequiredService<NpgsqlDataSource>(), Options.Create(new WatchOptions()));
        await using var connection = await _database.OpenAsync();
        // Statistical year 2027 began on 2026-10-01. Columns: office, status, completed, amount, collected, steering, opened, status since.
        await connection.ExecuteAsync("""
            insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
                                          status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected,
                                          steering_committee, opened_on, status_since)
            select 2027, left(o, 2), o, 1, case when opened < date '2026-10-01' then 1 else 2 end, greatest(opened, date '2026-10-01'), 1,
                   greatest(opened, date '2026-10-01'), status, completed, amount, amount, collected, steering, opened, since
            from (values
                -- HCMC: two open high-value cases (one partly collected, one followed by the Steering Committee), one completed.
                ('79-01', 1, null::date, 12 * @t, 2 * @t, false, date '2024-03-01', null::date),
                ('79-02', 1, null, 30 * @t, 0, true, date '2026-10-05', null),
                ('79-01', 2, date '2026-11-20', 10 * @t, 10 * @t, true, date '2025-02-01', null),
                -- HCMC: small cases: one open over a year, one postponed 200 days ago, one suspended 30 days ago (not delayed yet).
                ('79-03', 1, null, 5000000, 0, false, date '2025-06-01', null),
                ('79-03', 4, null, 5000000, 0, false, date '2025-12-01', date '2026-05-09'),
                ('79-03', 5, null, 5000000, 0, false, date '2026-10-02', date '2026-10-26'),
                -- Hanoi: one case just under the threshold, opened 13 months ago, suspended 100 days ago.
                ('01-01', 5, null, 10 * @t - 1, 0, false, date '2025-10-20', date '2026-08-17'),
                -- Accepted after the day: not counted at all.
                ('01-01', 1, null, 50 * @t, 0, true, date '2026-11-30', null)
            ) v (o, status, completed, amount, collected, steering, opened, since)
            """, new { t = Tỷ });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Provinces_CountHighValueOldDelayedAndSteeringCases_PerProvince_AndInTotal()
    {
        var board = await _queries.ProvincesAsync(Year, AsOf, default);

        Assert.Equal(34, board.Units.Count);
        var hcmc = board.Units.Single(u => u.Code == "79");
        Assert.Equal(new WatchFigures("79", hcmc.Name, OpenCases: 5, HighValueOpen: 2, HighValueAmount: 42 * Tỷ, HighValueCollected: 12 * Tỷ,
            HighValueCompleted: 1, OldOpen: 2, DelayedPostponed: 1, DelayedSuspended: 0, SteeringCases: 2, SteeringAmount: 40 * Tỷ,
            SteeringCollected: 10 * Tỷ), hcmc);
        Assert.Equal(0.4m, hcmc.OldShare);
        var hanoi = board.Units.Single(u => u.Code == "01");
        Assert.Equal((1, 0, 1, 1, 0), (hanoi.OpenCases, hanoi.HighValueOpen, hanoi.OldOpen, hanoi.DelayedSuspended, hanoi.SteeringCases));
        Assert.Equal((6L, 2L, 3L, 2L, 2L), (board.Total.OpenCases, board.Total.HighValueOpen, board.Total.OldOpen, board.Total.Delayed, board.Total.SteeringCases));
        Assert.All(board.Units.Where(u => u.Code is not ("79" or "01")), u => Assert.Equal(0, u.OpenCases));
    }

    [Fact]
    public async Task Offices_SplitAProvince_AndAddUpToIt()
    {
        var board = await _queries.OfficesAsync(Year, AsOf, "79", default);

        Assert.All(board.Units, u => Assert.StartsWith("79-", u.Code, StringComparison.Ordinal));
        Assert.Equal(12 * Tỷ, board.Units.Single(u => u.Code == "79-01").HighValueCollected);
        Assert.Equal(3, board.Units.Single(u => u.Code == "79-03").OpenCases);
        Assert.Equal(5, board.Total.OpenCases);
        Assert.Equal(42 * Tỷ, board.Total.HighValueAmount);
    }

    [Fact]
    public async Task HighValueThreshold_IsConfigurable()
    {
        var queries = new WatchQueries(_app.Services.GetRequiredService<NpgsqlDataSource>(),
            Options.Create(new WatchOptions { HighValueThreshold = 20 * Tỷ, DelayedDays = 20 }));

        var board = await queries.ProvincesAsync(Year, AsOf, default);

        Assert.Equal(1, board.Total.HighValueOpen);
        Assert.Equal(0, board.Total.HighValueCompleted);
        Assert.Equal(3, board.Total.Delayed);
    }

    [Fact]
    public async Task OldTrend_CountsOpenCasesOverAYearAtEachMonthEnd_AndOnTheAsOfDay()
    {
        await using (var connection = await _database.OpenAsync())
        {
            // Đà Nẵng. Columns: status, completed, first accepted. Over a year old at a day = first accepted more than a year before it.
            await connection.ExecuteAsync("""
                insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
                                              status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected, opened_on)
                select 2027, '48', '48-01', 4, case when opened < date '2026-10-01' then 1 else 2 end, greatest(opened, date '2026-10-01'), 1,
                       greatest(opened, date '2026-10-01'), status, completed, 1000000, 1000000, 0, opened
                from (values
                    (1, null::date, date '2025-11-15'),       -- old from 30/11
                    (2, date '2026-12-10', date '2025-09-01'), -- old at 31/10 and 30/11, completed before 31/12
                    (1, null, date '2026-01-05'),              -- old on 15/01 only
                    (1, null, date '2026-10-20')               -- never
                ) v (status, completed, opened)
                """);
        }

        var board = await _queries.ProvincesAsync(Year, new DateOnly(2027, 1, 15), default);
        var offices = await _queries.OfficesAsync(Year, new DateOnly(2027, 1, 15), "48", default);

        Assert.Equal([new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 15)], board.OldTrend.Days);
        Assert.Equal([1L, 2, 1, 2], board.OldTrend.Of("48"));
        Assert.Equal(board.Units.Single(u => u.Code == "48").OldOpen, board.OldTrend.Of("48")[^1]);
        Assert.Equal([1L, 2, 1, 2], offices.OldTrend.Total);
        Assert.Equal([1L, 2, 1, 2], offices.OldTrend.Of("48-01"));
        Assert.Equal([0L, 0, 0, 0], board.OldTrend.Of("04"));
        // The nation adds the fixture's HCMC cases (3, 2 once one is completed on 20/11, 3 once the one postponed, first
        // accepted on 01/12/2025, is a year old) and Hanoi's one.
        Assert.Equal([5L, 5, 5, 6], board.OldTrend.Total);
    }

    [Fact]
    public void TrendDays_AreTheMonthEndsBeforeTheDay_ThenTheDay()
    {
        Assert.Equal([new DateOnly(2026, 10, 1)], OldCaseTrend.DaysOf(Year, new DateOnly(2026, 10, 1)));
        Assert.Equal([new DateOnly(2026, 10, 31)], OldCaseTrend.DaysOf(Year, new DateOnly(2026, 10, 31)));
        Assert.Equal(12, OldCaseTrend.DaysOf(Year, new DateOnly(2027, 12, 1)).Count);
        Assert.Equal(new DateOnly(2027, 9, 30), OldCaseTrend.DaysOf(Year, new DateOnly(2027, 12, 1))[^1]);
    }

    [Fact]
    public async Task Province_GivesOneProvincesFigures_AsTheBoardDoes()
    {
        var province = await _queries.ProvinceAsync(Year, AsOf, "79", default);
        var board = await _queries.ProvincesAsync(Year, AsOf, default);

        Assert.Equal(board.Units.Single(u => u.Code == "79"), Assert.Single(province.Units));
        Assert.Equal(board.Units.Single(u => u.Code == "79") with { Code = "", Name = "" }, province.Total);
    }
}

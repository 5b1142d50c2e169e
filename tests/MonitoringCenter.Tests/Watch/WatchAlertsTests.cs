using Dapper;
using Microsoft.Extensions.Time.Testing;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Watch;

namespace MonitoringCenter.Tests.Watch;

/// <summary>The watch lists' alert rules through the evaluator, on cases of statistical year 2027 inserted at known dates.</summary>
[Trait("Category", "Database")]
public sealed class WatchAlertsTests : IAsyncLifetime
{
    private const long Tỷ = 1_000_000_000;

    // 10:00 on 15 December 2026 in Hồ Chí Minh City: its week-ends are 15/12, 08/12, 01/12, 24/11, 17/11, 10/11…
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 15, 3, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = default!;
    private WebApplication _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("watchalerts");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.Configuration["Alerts:HoldFor"] = "00:10:00";
            builder.Configuration["Alerts:ClearFor"] = "00:10:00";
            builder.Configuration["Alerts:NoData:Enabled"] = "false";
            // One untouched high-value case is one too many here; the demo's defaults are for a long tail of them.
            builder.Configuration["Alerts:HighValueUntouched:Warning"] = "1";
            builder.Configuration["Alerts:HighValueUntouched:Critical"] = "3";
            builder.Configuration["Alerts:HighValueUntouched:Hysteresis"] = "0";
            // Every evaluation reads the weekly counts afresh: the tests move the clock by minutes.
            builder.Configuration["Watch:RisingRecheck"] = "00:00:00";
            builder.AddReadModels();
            builder.AddProvinces();
            builder.AddAlerts();
            builder.AddWatch();
        }, _time);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Open cases carried over into 2027, each first accepted on the given day.</summary>
    private async Task AddOpenCasesAsync(string province, int count, DateOnly opened, long amount = 1_000_000, short status = 1, DateOnly? statusSince = null)
    {
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("""
            insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
                                          status, amount_to_enforce, amount_with_conditions, amount_collected, opened_on, status_since)
            select 2027, @province, @province || '-01', 1, 1, date '2026-10-01', 1, date '2026-10-01', @status, @amount, @amount, 0, @opened, @statusSince
            from generate_series(1, @count)
            """, new { province, count, opened, amount, status, statusSince });
    }

    private async Task<AlertView?> AlertAsync(string rule, string province) =>
        (await _app.Services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.All, subject: province))
            .Where(a => a.Rule == rule).OrderByDescending(a => a.Id).FirstOrDefault();

    private async Task EvaluateAfterAsync(TimeSpan wait)
    {
        _time.Advance(wait);
        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
    }

    [Fact]
    public async Task OldCasesRisingFourWeeks_Fires_ForThatProvinceOnly_AndResolvesWhenTheCountFalls()
    {
        // HCMC: 100 long-old cases, and 10 more crossing the one-year line in each of the last four weeks: 100, 110, 120, 130, 140.
        await AddOpenCasesAsync("79", 100, new DateOnly(2024, 1, 1));
        foreach (var opened in new[] { new DateOnly(2025, 11, 20), new DateOnly(2025, 11, 27), new DateOnly(2025, 12, 4), new DateOnly(2025, 12, 11) })
        {
            await AddOpenCasesAsync("79", 10, opened);
        }
        // Hanoi: 1 000 old cases and 5 more a week, 0.5%: ageing at its usual pace, under the 1% a week that counts.
        await AddOpenCasesAsync("01", 1000, new DateOnly(2024, 1, 1));
        for (var week = 0; week < 8; week++)
        {
            await AddOpenCasesAsync("01", 5, new DateOnly(2025, 12, 11).AddDays(-7 * week));
        }
        // Đà Nẵng: three rising weeks, one short of the four that fire.
        await AddOpenCasesAsync("48", 100, new DateOnly(2024, 1, 1));
        foreach (var opened in new[] { new DateOnly(2025, 11, 27), new DateOnly(2025, 12, 4), new DateOnly(2025, 12, 11) })
        {
            await AddOpenCasesAsync("48", 10, opened);
        }

        await EvaluateAfterAsync(TimeSpan.Zero);
        await EvaluateAfterAsync(TimeSpan.FromMinutes(11));

        var rising = (await AlertAsync(AlertRules.OldCasesRising, "79"))!;
        Assert.Equal(AlertState.Firing, rising.State);
        Assert.Equal(AlertSeverity.Warning, rising.Severity);
        Assert.Equal(4m, rising.Value);
        Assert.Equal("Vụ việc trên 1 năm tăng liên tục", rising.Title);
        Assert.Contains("tăng 4 tuần liên tiếp, từ 100 lên 140 vụ", rising.Message, StringComparison.Ordinal);
        Assert.Null(await AlertAsync(AlertRules.OldCasesRising, "01"));
        Assert.Null(await AlertAsync(AlertRules.OldCasesRising, "48"));

        // HCMC completes 20 of its old cases today: this week's count falls, the streak is over.
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("""
                update enforcement_case set status = 2, completed_on = date '2026-12-15'
                where id in (select id from enforcement_case where province_code = '79' and opened_on = date '2024-01-01' limit 20)
                """);
        }
        await EvaluateAfterAsync(TimeSpan.FromMinutes(1));
        await EvaluateAfterAsync(TimeSpan.FromMinutes(11));
        Assert.Equal(AlertState.Resolved, (await AlertAsync(AlertRules.OldCasesRising, "79"))!.State);
    }

    [Fact]
    public async Task HighValueUntouchedFor60Days_Fires_WithCountAndAmount_AndResolvesOnceEachHasAPayment()
    {
        // HCMC, 60 days before 15/12 is 16/10. Untouched: a carried-over 12 tỷ case first accepted in 2024 (its row's classification on
        // 01/10 is the carry-over, not an action), and a 20 tỷ case postponed since 01/09.
        await AddOpenCasesAsync("79", 1, new DateOnly(2024, 5, 1), amount: 12 * Tỷ);
        await AddOpenCasesAsync("79", 1, new DateOnly(2023, 5, 1), amount: 20 * Tỷ, status: 4, statusSince: new DateOnly(2026, 9, 1));
        // Touched: a 15 tỷ case postponed on 20/10, a 30 tỷ case with a payment on 20/11; not high-value: a small untouched case.
        await AddOpenCasesAsync("79", 1, new DateOnly(2024, 5, 1), amount: 15 * Tỷ, status: 4, statusSince: new DateOnly(2026, 10, 20));
        await AddOpenCasesAsync("79", 1, new DateOnly(2024, 5, 1), amount: 30 * Tỷ);
        await AddOpenCasesAsync("79", 1, new DateOnly(2024, 5, 1), amount: 9 * Tỷ);
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("""
                insert into collection (case_id, stat_year, collected_on, amount)
                select id, 2027, date '2026-11-20', 1000000 from enforcement_case where amount_to_enforce = 30 * @t
                """, new { t = Tỷ });
            // Hanoi: a newly accepted 11 tỷ case classified on 20/10: touched.
            await connection.ExecuteAsync("""
                insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
                                              status, amount_to_enforce, amount_with_conditions, amount_collected, opened_on)
                values (2027, '01', '01-01', 1, 2, date '2026-10-05', 1, date '2026-10-20', 1, 11 * @t, 11 * @t, 0, date '2026-10-05')
                """, new { t = Tỷ });
        }

        await EvaluateAfterAsync(TimeSpan.Zero);
        await EvaluateAfterAsync(TimeSpan.FromMinutes(11));

        var untouched = (await AlertAsync(AlertRules.HighValueUntouched, "79"))!;
        Assert.Equal(AlertState.Firing, untouched.State);
        Assert.Equal(2m, untouched.Value);
        Assert.Equal("Vụ việc giá trị lớn không có hoạt động", untouched.Title);
        Assert.Contains("2 vụ việc giá trị lớn (32,0 tỷ đồng) quá 60 ngày không có hoạt động", untouched.Message, StringComparison.Ordinal);
        Assert.Null(await AlertAsync(AlertRules.HighValueUntouched, "01"));

        // Both untouched cases receive a payment today.
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("""
                insert into collection (case_id, stat_year, collected_on, amount)
                select id, 2027, date '2026-12-15', 1000000 from enforcement_case where amount_to_enforce in (12 * @t, 20 * @t)
                """, new { t = Tỷ });
        }
        await EvaluateAfterAsync(TimeSpan.FromMinutes(1));
        await EvaluateAfterAsync(TimeSpan.FromMinutes(11));
        Assert.Equal(AlertState.Resolved, (await AlertAsync(AlertRules.HighValueUntouched, "79"))!.State);
    }

    [Fact]
    public async Task WithTheDefaultThreshold_AFewUntouchedCases_RaiseNoAlert_ButAreMeasured()
    {
        await AddOpenCasesAsync("79", 3, new DateOnly(2024, 5, 1), amount: 12 * Tỷ);
        await using var connection = await _database.OpenAsync();

        var observations = new List<Observation>();
        foreach (var source in _app.Services.GetServices<IObservationSource>())
        {
            observations.AddRange(await source.ObserveAsync(connection, _time.GetLocalNow().ToOffset(TimeSpan.FromHours(7)), new AlertOptions(), default));
        }

        var hcmc = Assert.Single(observations, o => o.Rule == AlertRules.HighValueUntouched && o.Subject == "79");
        Assert.Equal(3m, hcmc.Value);
        Assert.False(hcmc.Breached);
        Assert.Equal(34, observations.Count(o => o.Rule == AlertRules.HighValueUntouched));
        Assert.Equal(34, observations.Count(o => o.Rule == AlertRules.OldCasesRising));
    }
}

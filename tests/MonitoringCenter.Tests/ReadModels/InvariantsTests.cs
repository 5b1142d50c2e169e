using Dapper;
using Microsoft.Extensions.Time.Testing;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.ReadModels;

/// <summary>
/// The read model's invariants are checked and a broken one raises an alert through the usual
/// lifecycle; a report-based province whose report is due and missing raises the no-data alert.
/// </summary>
[Trait("Category", "Database")]
public sealed class InvariantsTests : IAsyncLifetime
{
    // 10:00 on 20 November 2026 in Hồ Chí Minh City: October's reports were due on 10 November.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = default!;
    private WebApplication _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("invariants");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.Configuration["Alerts:HoldFor"] = "00:00:00";
            builder.AddReadModels();
            builder.AddProvinces();
            builder.AddAlerts();
        }, _time);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task NationNotAddingUp_AndCompletedAboveWithConditions_AreFound_AndRaiseTheInvariantsAlert()
    {
        await using (var connection = await _database.OpenAsync())
        {
            // Two provinces and a nation that is not their sum; one province completed more than it had with conditions.
            await connection.ExecuteAsync("""
                insert into kpi_daily (stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions, cases_completed, money_to_enforce, money_with_conditions, money_collected)
                values (2027, 1, '01', 4, '2026-11-19', 100, 60, 30, 1000, 800, 400),
                       (2027, 1, '79', 4, '2026-11-19', 100, 60, 70, 1000, 800, 400),
                       (2027, 0, '', 4, '2026-11-19', 200, 120, 90, 2000, 1600, 800)
                """);
        }
        var invariants = _app.Services.GetRequiredService<ReadModelInvariants>();

        var broken = await invariants.CheckAsync(2027, allDays: false);

        Assert.Equal(["79|việc xong nhiều hơn việc có điều kiện", "|các tỉnh cộng lại khác toàn quốc"],
            broken.Select(b => $"{b.Unit}|{b.What}").Order(StringComparer.Ordinal));
        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        var alert = Assert.Single(await _app.Services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.All), a => a.Rule == AlertRules.Invariants);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.StartsWith("2 chỗ số liệu không khớp", alert.Message, StringComparison.Ordinal);

        // Mended: the next check finds nothing.
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("update kpi_daily set cases_completed = 50 where unit_code = '79'; update kpi_daily set cases_completed = 80 where unit_kind = 0");
        }
        Assert.Empty(await invariants.CheckAsync(2027, allDays: true));
    }

    [Fact]
    public async Task ReportProvinceWithoutItsDueReport_RaisesTheNoDataAlert_SayingWhichPeriod()
    {
        await using (var connection = await _database.OpenAsync())
        {
            // Province 44 counts from its reports: one up to 15/10 came; the one for October (due 10/11) did not.
            await connection.ExecuteAsync("""
                insert into statistical_report (stat_year, province_code, office_code, period_end, version, actor, received_at)
                values (2027, '44', null, '2026-10-15', 2, 'test', '2026-10-16');
                """);
        }

        var board = await _app.Services.GetRequiredService<ProvinceQueries>().BoardAsync(2027, new DateOnly(2026, 11, 20));
        var source = board.Provinces.Single(p => p.Code == "44").Source!;
        Assert.True(source.NotReported);
        Assert.Equal(new DateOnly(2026, 10, 31), source.Due);
        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();

        var alert = Assert.Single(await _app.Services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.All, subject: "44"), a => a.Rule == AlertRules.NoData);
        Assert.StartsWith("Chưa báo cáo kỳ đến 31/10/2026 (hạn 10/11/2026", alert.Message, StringComparison.Ordinal);
        // Provinces that never sent anything raise nothing new.
        Assert.Empty(await _app.Services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.All, subject: "01"));
    }
}

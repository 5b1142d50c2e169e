using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.ReadModels;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>A province falls behind in a database of its own; the refresh and the evaluation follow it through the whole lifecycle.</summary>
/// <remarks>
/// In the demo-data collection although it does not read the demo data: it then runs after the
/// fixture's bulk load instead of beside it (on a busy two-core machine the load's COPY otherwise
/// passes its 30 s command timeout).
/// </remarks>
[Collection(DemoData.Name)]
[Trait("Category", "Database")]
public sealed class AlertEvaluatorTests : IAsyncLifetime
{
    // 15 December 2026: day 76 of statistical year 2027; with a 90% target the linear pace expects 18.7%.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 15, 3, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = default!;
    private WebApplication _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("alerts");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.Configuration["Pace:Model"] = "Linear";
            builder.Configuration["Alerts:HoldFor"] = "00:10:00";
            builder.Configuration["Alerts:ClearFor"] = "00:10:00";
            // The data marks carry the database's real clock, not the test's.
            builder.Configuration["Alerts:NoData:Enabled"] = "false";
            builder.AddReadModels();
            builder.AddProvinces();
            builder.AddAlerts();
        }, _time);
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("""
            insert into target (stat_year, province_code, case_rate, money_rate, source, set_on)
            values (2027, '01', 0.90, 0.50, 'test', '2026-10-01'), (2027, null, 0.90, 0.50, 'test', '2026-10-01')
            """);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task AddCasesAsync(int count, bool completed)
    {
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("""
            insert into enforcement_case (stat_year, province_code, office_code, category, origin, accepted_on, condition, classified_on,
                                          status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected)
            select 2027, '01', '01-01', 4, 2, date '2026-10-05', 1, date '2026-10-05',
                   case when @completed then 2 else 1 end, case when @completed then date '2026-11-01' end, 1000000, 1000000, 0
            from generate_series(1, @count)
            """, new { count, completed });
        await connection.ExecuteAsync("""
            insert into refresh_dirty (stat_year, province_code) values (2027, '01')
            on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq')
            """);
    }

    private async Task<EvaluationResult> RefreshAndEvaluateAsync()
    {
        await _app.Services.GetRequiredService<KpiRefresher>().RefreshDirtyAsync();
        return await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
    }

    private async Task<AlertView?> BehindPaceAsync()
    {
        var all = await _app.Services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.All, subject: "01");
        return all.Where(a => a.Rule == AlertRules.BehindPaceCases).OrderByDescending(a => a.Id).FirstOrDefault();
    }

    [Fact]
    public async Task ProvinceFallsBehind_Fires_IsAcknowledged_Recovers_AndIsResolved_WithEveryTransitionStored()
    {
        // 1 of 10 cases done: 10% against an expected 18.7%.
        await AddCasesAsync(9, completed: false);
        await AddCasesAsync(1, completed: true);
        await RefreshAndEvaluateAsync();
        Assert.Equal(AlertState.Pending, (await BehindPaceAsync())!.State);

        _time.Advance(TimeSpan.FromMinutes(11));
        await RefreshAndEvaluateAsync();
        var firing = (await BehindPaceAsync())!;
        Assert.Equal(AlertState.Firing, firing.State);
        Assert.Equal(AlertSeverity.Critical, firing.Severity);
        Assert.Contains("Tỷ lệ việc 10,00%", firing.Message, StringComparison.Ordinal);
        Assert.Equal("Hà Nội", firing.SubjectName);
        var ticker = await _app.Services.GetRequiredService<AlertQueries>().TickerAsync();
        Assert.Contains(ticker.Alerts, a => a.Id == firing.Id);

        // A second evaluation of the same condition adds nothing.
        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        var open = await _app.Services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.Active, subject: "01");
        Assert.Single(open, a => a.Rule == AlertRules.BehindPaceCases);

        Assert.Equal(AlertActionOutcome.Done,
            await _app.Services.GetRequiredService<AlertCommands>().AcknowledgeAsync(firing.Id, People.Operator("an.nguyen@thads.test", "01"), "Đã gọi Cục THADS Hà Nội"));
        Assert.Equal(AlertState.Acknowledged, (await BehindPaceAsync())!.State);

        // The province catches up: 31 of 40 done.
        await AddCasesAsync(30, completed: true);
        await RefreshAndEvaluateAsync();
        Assert.Equal(AlertState.Acknowledged, (await BehindPaceAsync())!.State);
        _time.Advance(TimeSpan.FromMinutes(11));
        await RefreshAndEvaluateAsync();

        var resolved = (await BehindPaceAsync())!;
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal("system", resolved.ResolvedBy);
        Assert.Equal("an.nguyen@thads.test", resolved.AcknowledgedBy);
        var history = await _app.Services.GetRequiredService<AlertQueries>().HistoryAsync(resolved.Id);
        Assert.Equal(["open", "fire", "acknowledge", "resolve"], history.Select(h => h.Action));
        Assert.Equal("Đã gọi Cục THADS Hà Nội", history[2].Note);
        await using var connection = await _database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "select count(*) from audit_log where action = 'alert.acknowledge' and actor = 'an.nguyen@thads.test' and subject = @subject and province_code = '01'",
            new { subject = $"alert:{resolved.Id}" }));
    }

    [Fact]
    public async Task FiringAlert_WhoseRuleNoLongerMeasuresAnything_ResolvesAfterTheClearTime()
    {
        // Raised earlier on Cà Mau's money rate; the province has no figures this year, so no rule measures it now.
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("""
                insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, last_evaluated_at)
                values ('behind-pace-money', '96', 2, 'firing', 'Tỷ lệ tiền chậm 3,00 điểm % so với tiến độ', 3, 1.5, @at, @at, @at)
                """, new { at = _time.GetUtcNow().AddHours(-2) });
        }
        var alerts = _app.Services.GetRequiredService<AlertQueries>();
        async Task<AlertView> CaMauAsync() => (await alerts.ListAsync(AlertFilter.All, subject: "96")).Single(a => a.Rule == AlertRules.BehindPaceMoney);

        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        Assert.Equal(AlertState.Firing, (await CaMauAsync()).State);
        _time.Advance(TimeSpan.FromMinutes(5));
        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        Assert.Equal(AlertState.Firing, (await CaMauAsync()).State);
        _time.Advance(TimeSpan.FromMinutes(6));
        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();

        var resolved = await CaMauAsync();
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal("system", resolved.ResolvedBy);
        Assert.Equal("Tự động: quy tắc không còn áp dụng", (await alerts.HistoryAsync(resolved.Id))[^1].Note);
    }

    [Fact]
    public async Task OperatorResolves_WithAReason_AndAResolvedAlertCannotBeAcknowledged()
    {
        await AddCasesAsync(9, completed: false);
        await AddCasesAsync(1, completed: true);
        await RefreshAndEvaluateAsync();
        var alert = (await BehindPaceAsync())!;
        var commands = _app.Services.GetRequiredService<AlertCommands>();

        var binh = People.Operator("binh.tran@thads.test");
        Assert.Equal(AlertActionOutcome.Done, await commands.ResolveAsync(alert.Id, binh, "Số liệu nhập nhầm, đã báo tỉnh sửa"));
        Assert.Equal(AlertActionOutcome.NotApplicable, await commands.AcknowledgeAsync(alert.Id, binh, null));

        var resolved = (await _app.Services.GetRequiredService<AlertQueries>().GetAsync(alert.Id))!;
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal("Số liệu nhập nhầm, đã báo tỉnh sửa", resolved.ResolveReason);
    }
}

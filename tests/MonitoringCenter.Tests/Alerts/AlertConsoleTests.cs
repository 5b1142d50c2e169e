using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Screens;
using MonitoringCenter.Web.Provinces;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MonitoringCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>
/// The alert console rendered by bunit as a Server circuit would run it, with the app's own queries
/// and commands on a database of its own: filter, select, act as the signed-in person (within their
/// role and provinces), and follow other people's changes.
/// </summary>
/// <remarks>In the demo-data collection for the reason given on <see cref="AlertsPageTests"/>.</remarks>
[Collection(DemoData.Name)]
[Trait("Category", "Database")]
public sealed class AlertConsoleTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private long _dienBien;
    private long _haNoi;
    private long _snoozed;
    private BunitAuthorizationContext _auth = default!;

    private const string Chau = "chau.le@thads.test";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("console");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.AddReadModels();
            builder.AddScreens();
            builder.AddProvinces();
            builder.AddAlerts();
        });
        _dienBien = await InsertAsync("behind-pace-money", "11", AlertSeverity.Critical, "firing", "Tỷ lệ tiền 4,79% chậm 4,50 điểm %");
        _haNoi = await InsertAsync("behind-pace-cases", "01", AlertSeverity.Warning, "firing", "Tỷ lệ việc 40,00% chậm 3,00 điểm %");
        await InsertAsync("forecast-cases", "12", AlertSeverity.Warning, "acknowledged", "Dự báo cuối năm đạt 80% chỉ tiêu việc");
        await InsertAsync("behind-last-year-cases", "14", AlertSeverity.Info, "pending", "Thấp hơn cùng kỳ 1,2 điểm %");
        await InsertAsync("behind-pace-cases", "15", AlertSeverity.Critical, "resolved", "Đã hết");
        _snoozed = await InsertAsync("forecast-money", "19", AlertSeverity.Warning, "firing", "Dự báo cuối năm đạt 70% chỉ tiêu tiền", snoozed: true);

        foreach (var service in new[] { typeof(AlertQueries), typeof(AlertCommands), typeof(AlertChangeNotifier), typeof(Clock) })
        {
            Services.AddSingleton(service, _app.Services.GetRequiredService(service));
        }
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        // An Operator of every province unless a test says otherwise.
        _auth = AddAuthorization();
        _auth.SetAuthorized(Chau);
        _auth.SetRoles(Roles.Operator);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<long> InsertAsync(string rule, string subject, AlertSeverity severity, string state, string message, bool snoozed = false)
    {
        await using var connection = await _database.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, resolved_at, snoozed_until, last_evaluated_at)
            values (@rule, @subject, @severity, @state, @message, 4.5, 1.5, now() - interval '2 hours', now() - interval '1 hour',
                    case when @state = 'resolved' then now() end, case when @snoozed then now() + interval '1 hour' end, now())
            returning id
            """, new { rule, subject, severity = (short)severity, state, message, snoozed });
        await connection.ExecuteAsync("""
            insert into alert_transition (alert_id, action, from_state, to_state, actor) values (@id, 'fire', 'pending', 'firing', 'system')
            """, new { id });
        return id;
    }

    private async Task<string> StateInDatabaseAsync(long id)
    {
        await using var connection = await _database.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("select state from alert where id = @id", new { id }) ?? "";
    }

    /// <summary>The console once its first load finished (it loads after its first render, as a circuit does).</summary>
    private IRenderedComponent<AlertsPage> RenderConsole()
    {
        var console = Render<AlertsPage>();
        console.WaitForAssertion(() => Assert.Contains("lúc", console.Find("#console-live").TextContent, StringComparison.Ordinal));
        return console;
    }

    /// <summary>What an action could have changed: the alert row, its history, the audit log.</summary>
    private async Task<(string Alert, long Transitions, long Audits)> TraceAsync(long id)
    {
        await using var connection = await _database.OpenAsync();
        return await connection.QuerySingleAsync<(string, long, long)>("""
            select (select row(a.*)::text from alert a where a.id = @id),
                   (select count(*) from alert_transition where alert_id = @id),
                   (select count(*) from audit_log where subject = 'alert:' || @id)
            """, new { id });
    }

    private static long[] Rows(IRenderedComponent<AlertsPage> console) =>
        [.. console.FindAll("tr.alert-row").Select(r => long.Parse(r.GetAttribute("data-alert-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    private static string Count(IRenderedComponent<AlertsPage> console, string chip) => Fragment.Text(console.Find($"{chip} .count"));

    [Fact]
    public async Task Filters_ShowTheirCounts_AndNarrowTheListByStateAndSeverity()
    {
        var console = RenderConsole();

        // Active by default: everything but the resolved alert, worst first.
        Assert.Equal(5, Rows(console).Length);
        Assert.Equal(_dienBien, Rows(console)[0]);
        Assert.Equal("2", Count(console, "[data-filter=firing]"));
        Assert.Equal("1", Count(console, "[data-filter=snoozed]"));
        Assert.Equal("1", Count(console, "[data-filter=resolved]"));
        Assert.Equal("6", Count(console, "[data-filter=all]"));
        Assert.Equal("1", Count(console, "[data-severity=critical]"));

        await console.Find("[data-filter=firing]").ClickAsync(new());
        Assert.Equal([_dienBien, _haNoi], Rows(console));
        Assert.Equal("true", console.Find("[data-filter=firing]").GetAttribute("aria-pressed"));

        await console.Find("[data-severity=warning]").ClickAsync(new());
        Assert.Equal([_haNoi], Rows(console));

        await console.Find("[data-filter=snoozed]").ClickAsync(new());
        Assert.Equal([_snoozed], Rows(console));
        Assert.Contains("tạm ẩn đến", Fragment.Text(console.Find("tr.alert-row .col-state")), StringComparison.Ordinal);

        await console.Find("[data-severity=critical]").ClickAsync(new());
        Assert.Empty(Rows(console));
        Assert.Equal("Không có cảnh báo nào theo bộ lọc này.", Fragment.Text(console.Find("#alert-list-empty")));
    }

    [Fact]
    public async Task SelectingAnAlert_ShowsItsDetailAndHistory_BesideTheList()
    {
        var console = RenderConsole();
        Assert.Contains("Chọn một cảnh báo", Fragment.Text(console.Find("#alert-detail-empty")), StringComparison.Ordinal);

        await console.Find($"tr[data-alert-id='{_haNoi}']").ClickAsync(new());

        Assert.Equal(_haNoi.ToString(System.Globalization.CultureInfo.InvariantCulture), console.Find("#alert-detail").GetAttribute("data-alert-id"));
        Assert.Contains("selected", console.Find($"tr[data-alert-id='{_haNoi}']").ClassList);
        Assert.Equal("Hà Nội: Chậm tiến độ tỷ lệ việc", Fragment.Text(console.Find("#alert-detail h2")));
        Assert.Equal("Đang cảnh báo", Fragment.Text(console.Find("#alert-state")));
        Assert.Equal("Kích hoạt", Fragment.Text(console.Find("#alert-history li[data-action=fire] strong")));
        Assert.NotNull(console.Find("#act-acknowledge"));
    }

    [Fact]
    public async Task Acknowledge_RecordsTheSignedInOperatorsEmail_InTheHistoryAndTheAuditLog_AndShowsTheNewStateInPlace()
    {
        var console = RenderConsole();
        await console.Find($"tr[data-alert-id='{_dienBien}']").ClickAsync(new());
        Assert.Empty(console.FindAll("#action-operator"));

        await console.Find("#action-note").ChangeAsync(new ChangeEventArgs { Value = "Đã liên hệ Cục THADS tỉnh Điện Biên" });
        await console.Find("#act-acknowledge").ClickAsync(new());

        Assert.Equal("acknowledged", await StateInDatabaseAsync(_dienBien));
        Assert.Equal("Đã tiếp nhận cảnh báo.", Fragment.Text(console.Find("#alert-done")));
        Assert.Equal("Đã tiếp nhận", Fragment.Text(console.Find("#alert-state")));
        Assert.StartsWith(Chau + ",", Fragment.Text(console.Find("#alert-acknowledged")), StringComparison.Ordinal);
        var entry = console.Find("#alert-history li[data-action=acknowledge]");
        Assert.Equal(Chau, Fragment.Text(entry.QuerySelector(".actor")!));
        Assert.Contains("Đã liên hệ Cục THADS tỉnh Điện Biên", Fragment.Text(entry), StringComparison.Ordinal);
        Assert.Empty(console.FindAll("#act-acknowledge"));
        Assert.Equal("1", Count(console, "[data-filter=firing]"));
        Assert.Equal("2", Count(console, "[data-filter=acknowledged]"));
        // The note is cleared for the next action.
        Assert.Equal("", console.Find("#action-note").GetAttribute("value") ?? "");

        await using var connection = await _database.OpenAsync();
        Assert.Equal(Chau, await connection.ExecuteScalarAsync<string>(
            "select actor from alert_transition where alert_id = @id and action = 'acknowledge'", new { id = _dienBien }));
        var audit = await connection.QuerySingleAsync<(string Actor, string? Province, string Detail)>(
            "select actor, province_code, detail::text from audit_log where action = 'alert.acknowledge' and subject = @subject",
            new { subject = $"alert:{_dienBien}" });
        Assert.Equal((Chau, "11"), (audit.Actor, audit.Province));
        using var detail = System.Text.Json.JsonDocument.Parse(audit.Detail);
        Assert.Equal("firing", detail.RootElement.GetProperty("before").GetProperty("state").GetString());
        Assert.Equal("acknowledged", detail.RootElement.GetProperty("after").GetProperty("state").GetString());
        Assert.Equal("Đã liên hệ Cục THADS tỉnh Điện Biên", detail.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Leader_SeesTheConsoleAndHistory_ButNoActionForm_AndALineSayingActionsNeedTheOperatorRole()
    {
        _auth.SetRoles(Roles.Leader);
        var console = RenderConsole();

        Assert.Equal(5, Rows(console).Length);
        await console.Find($"tr[data-alert-id='{_haNoi}']").ClickAsync(new());

        Assert.Equal("Kích hoạt", Fragment.Text(console.Find("#alert-history li[data-action=fire] strong")));
        Assert.Empty(console.FindAll("#alert-actions"));
        Assert.Empty(console.FindAll("#act-acknowledge"));
        Assert.Contains("cần vai trò Operator", Fragment.Text(console.Find("#alert-actions-readonly")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopedOperator_SeesActionFormsOnlyOnTheirProvincesAlerts()
    {
        _auth.SetClaims(new Claim(AccountClaims.Province, "01"));
        var console = RenderConsole();

        await console.Find($"tr[data-alert-id='{_haNoi}']").ClickAsync(new());
        Assert.NotNull(console.Find("#act-acknowledge"));

        await console.Find($"tr[data-alert-id='{_dienBien}']").ClickAsync(new());
        Assert.Empty(console.FindAll("#alert-actions"));
        Assert.Equal("Cảnh báo này thuộc Điện Biên: bạn chỉ xử lý được cảnh báo của tỉnh, thành phố được giao (01).",
            Fragment.Text(console.Find("#alert-actions-readonly")));
    }

    [Fact]
    public async Task Province79Operator_ActingOnAHaNoiAlertFromAPageDrawnBefore_IsRefusedWithAMessage_AndNothingChanges()
    {
        var console = RenderConsole();
        await console.Find($"tr[data-alert-id='{_haNoi}']").ClickAsync(new());
        await console.Find("#action-note").ChangeAsync(new ChangeEventArgs { Value = "Đã gọi Hà Nội" });
        var before = await TraceAsync(_haNoi);
        // The account is limited to province 79 after the page drew its form and before the click
        // reaches the server (the page has not heard of it yet): the action reads who acts again.
        var user = (await Services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync()).User;
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(AccountClaims.Province, "79"));

        await console.Find("#act-acknowledge").ClickAsync(new());

        Assert.Equal("Cảnh báo này thuộc Hà Nội: bạn chỉ xử lý được cảnh báo của tỉnh, thành phố được giao (79). Không có gì thay đổi.",
            Fragment.Text(console.Find("#alert-problem")));
        Assert.Equal("Đang cảnh báo", Fragment.Text(console.Find("#alert-state")));
        Assert.Empty(console.FindAll("#alert-done"));
        Assert.Equal(before, await TraceAsync(_haNoi));
    }

    [Fact]
    public async Task Province79Operator_CannotActOnA01Alert_ThroughTheCommandsEither_AndNothingChanges()
    {
        var commands = _app.Services.GetRequiredService<AlertCommands>();
        var hcm = People.Operator("hcm@thads.test", "79");
        var before = await TraceAsync(_haNoi);

        Assert.Equal(AlertActionOutcome.Refused, await commands.AcknowledgeAsync(_haNoi, hcm, "Tiếp nhận hộ"));
        Assert.Equal(AlertActionOutcome.Refused, await commands.CommentAsync(_haNoi, hcm, "Ghi chú"));
        Assert.Equal(AlertActionOutcome.Refused, await commands.SnoozeAsync(_haNoi, hcm, DateTimeOffset.UtcNow.AddHours(1), null));
        Assert.Equal(AlertActionOutcome.Refused, await commands.ResolveAsync(_haNoi, hcm, "Đã xử lý"));
        Assert.Equal(AlertActionOutcome.Refused, await commands.AcknowledgeAsync(_haNoi, People.Leader("leader@thads.test"), null));
        Assert.Equal(AlertActionOutcome.Refused, await commands.AcknowledgeAsync(_haNoi, new ClaimsPrincipal(new ClaimsIdentity()), null));

        Assert.Equal(before, await TraceAsync(_haNoi));
        // An Operator whose provinces include 01 may.
        Assert.Equal(AlertActionOutcome.Done, await commands.AcknowledgeAsync(_haNoi, People.Operator("hn@thads.test", "01", "79"), null));
    }

    [Fact]
    public async Task CommentAndResolve_NeedTheirText_AndSnoozeItsRange()
    {
        var console = RenderConsole();
        await console.Find($"tr[data-alert-id='{_haNoi}']").ClickAsync(new());

        await console.Find("#act-comment").ClickAsync(new());
        Assert.Equal("Nhập nội dung ghi chú.", Fragment.Text(console.Find("#alert-actions .validation-message")));

        await console.Find("#act-resolve").ClickAsync(new());
        Assert.Equal("Nhập lý do kết thúc cảnh báo.", Fragment.Text(console.Find("#alert-actions .validation-message")));

        await console.Find("#action-snooze").ChangeAsync(new ChangeEventArgs { Value = "2000" });
        await console.Find("#act-snooze").ClickAsync(new());
        Assert.Equal("Thời gian tạm ẩn từ 5 phút đến 24 giờ (1440 phút).", Fragment.Text(console.Find("#alert-actions .validation-message")));
        Assert.Equal("firing", await StateInDatabaseAsync(_haNoi));

        await console.Find("#action-snooze").ChangeAsync(new ChangeEventArgs { Value = "30" });
        await console.Find("#act-snooze").ClickAsync(new());
        Assert.Equal("Đã tạm ẩn cảnh báo.", Fragment.Text(console.Find("#alert-done")));
        Assert.Equal("2", Count(console, "[data-filter=snoozed]"));
    }

    [Fact]
    public async Task AnotherOperatorsChange_ReachesTheOpenConsole_WithoutAnyClick()
    {
        var console = RenderConsole();
        Assert.Contains(_haNoi, Rows(console));
        var notifier = Services.GetRequiredService<AlertChangeNotifier>();
        Assert.Equal(1, notifier.Subscribers);

        await notifier.StartAsync(CancellationToken.None);
        Assert.Equal(AlertActionOutcome.Done,
            await _app.Services.GetRequiredService<AlertCommands>().ResolveAsync(_haNoi, People.Operator("khac@thads.test"), "Đã xử lý xong"));
        // What the change feed does when the transition's new version arrives (migration 0030): the node publishes it.
        var publisher = _app.Services.GetRequiredService<ViewPublisher>();
        await publisher.PublishAsync(publisher.Version + 1, CancellationToken.None);

        console.WaitForAssertion(() => Assert.DoesNotContain(_haNoi, Rows(console)), TimeSpan.FromSeconds(10));
        Assert.Equal("2", Count(console, "[data-filter=resolved]"));
        await notifier.StopAsync(CancellationToken.None);

        // Leaving the page ends the subscription.
        await DisposeComponentsAsync();
        Assert.Equal(0, notifier.Subscribers);
    }
}

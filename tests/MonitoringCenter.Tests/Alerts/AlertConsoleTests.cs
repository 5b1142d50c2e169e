using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Screens;
using MonitoringCenter.Web.Provinces;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>
/// The alert console rendered by bunit as a Server circuit would run it, with the app's own queries
/// and commands on a database of its own: filter, select, act, and follow other people's changes.
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

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("console");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Database:ConnectionString"] = _database.ConnectionString;
        builder.AddPlatform();
        builder.AddReadModels();
        builder.AddScreens();
        builder.AddProvinces();
        builder.AddAlerts();
        lock (RunningApp.HostBuildLock)
        {
            _app = builder.Build();
        }
        await _app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await _app.Services.GetRequiredService<ReferenceData>().EnsureAsync();
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
    public async Task Acknowledge_WithoutAName_SaysWhyInVietnamese_AndChangesNothing()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/alerts?selected={_dienBien}");
        var console = RenderConsole();

        await console.Find("#act-acknowledge").ClickAsync(new());

        Assert.Equal("Nhập tên người thực hiện.", Fragment.Text(console.Find("#alert-actions .validation-message")));
        Assert.Equal("Đang cảnh báo", Fragment.Text(console.Find("#alert-state")));
        Assert.Equal("firing", await StateInDatabaseAsync(_dienBien));
    }

    [Fact]
    public async Task Acknowledge_SavesTheOperatorAndNote_AndShowsTheNewStateInPlace()
    {
        var console = RenderConsole();
        await console.Find($"tr[data-alert-id='{_dienBien}']").ClickAsync(new());

        await console.Find("#action-operator").ChangeAsync(new ChangeEventArgs { Value = "Lê Minh Châu" });
        await console.Find("#action-note").ChangeAsync(new ChangeEventArgs { Value = "Đã liên hệ Cục THADS tỉnh Điện Biên" });
        await console.Find("#act-acknowledge").ClickAsync(new());

        Assert.Equal("acknowledged", await StateInDatabaseAsync(_dienBien));
        Assert.Equal("Đã tiếp nhận cảnh báo.", Fragment.Text(console.Find("#alert-done")));
        Assert.Equal("Đã tiếp nhận", Fragment.Text(console.Find("#alert-state")));
        Assert.StartsWith("Lê Minh Châu,", Fragment.Text(console.Find("#alert-acknowledged")), StringComparison.Ordinal);
        Assert.Contains("Đã liên hệ Cục THADS tỉnh Điện Biên", Fragment.Text(console.Find("#alert-history li[data-action=acknowledge]")), StringComparison.Ordinal);
        Assert.Empty(console.FindAll("#act-acknowledge"));
        Assert.Equal("1", Count(console, "[data-filter=firing]"));
        Assert.Equal("2", Count(console, "[data-filter=acknowledged]"));
        // The note is cleared for the next action; the operator's name stays.
        Assert.Equal("", console.Find("#action-note").GetAttribute("value") ?? "");
        Assert.Equal("Lê Minh Châu", console.Find("#action-operator").GetAttribute("value"));
    }

    [Fact]
    public async Task CommentAndResolve_NeedTheirText_AndSnoozeItsRange()
    {
        var console = RenderConsole();
        await console.Find($"tr[data-alert-id='{_haNoi}']").ClickAsync(new());
        await console.Find("#action-operator").ChangeAsync(new ChangeEventArgs { Value = "An" });

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
        Assert.True(await _app.Services.GetRequiredService<AlertCommands>().ResolveAsync(_haNoi, "Người khác", "Đã xử lý xong"));
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

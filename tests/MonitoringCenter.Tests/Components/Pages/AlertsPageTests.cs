using Dapper;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Components.Pages;

/// <summary>The alert console and the wall's ticker in a real Chromium, against a database of their own.</summary>
/// <remarks>
/// In the demo-data collection although it does not read the demo data: it then runs after the
/// fixture's bulk load instead of beside it (on a busy two-core machine the load's COPY otherwise
/// passes its 30 s command timeout).
/// </remarks>
[Collection(DemoData.Name)]
public sealed class AlertsPageTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;
    private long _alertId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("alertpage");
        var services = _database.BuildServices();
        await services.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await services.Services.GetRequiredService<ReferenceData>().EnsureAsync();
        await services.DisposeAsync();
        await using (var connection = await _database.OpenAsync())
        {
            _alertId = await connection.ExecuteScalarAsync<long>("""
                insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, last_evaluated_at)
                values ('behind-pace-money', '11', 3, 'firing', 'Tỷ lệ tiền 4,79% chậm 4,50 điểm % so với tiến độ (9,29%), chậm 40 ngày', 4.5, 1.5, now(), now(), now())
                returning id
                """);
            await connection.ExecuteAsync("""
                insert into alert_transition (alert_id, action, from_state, to_state, actor, note) values (@id, 'fire', null, 'firing', 'system', 'test')
                """, new { id = _alertId });
        }
        _app = RunningApp.Start(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Wall_ShowsTheFiringAlertOnItsTicker_AndInterruptsForIt()
    {
        var page = await browser.NewWallPageAsync();
        await page.GotoAsync(_app.Url("/wall").ToString());

        Assert.Contains("Điện Biên", await page.Locator($"#alert-ticker [data-alert-id='{_alertId}']").InnerTextAsync());
        Assert.True(await page.Locator("#alert-interruption").IsVisibleAsync());
        Assert.Contains("Chậm tiến độ tỷ lệ tiền", await page.Locator("#alert-interruption h2").InnerTextAsync());

        await page.GotoAsync(_app.Url("/wall?interrupt=0").ToString());
        Assert.False(await page.Locator("#alert-interruption").IsVisibleAsync());
    }

    [Fact]
    public async Task Console_AcknowledgesAnAlert_WithTheOperatorsNameAndNote()
    {
        var page = await browser.NewWallPageAsync();
        await page.GotoAsync(_app.Url($"/alerts?selected={_alertId}").ToString());
        Assert.Equal("Đang cảnh báo", (await page.Locator("#alert-state").InnerTextAsync()).Trim());

        // The name is required: an empty form is refused and says why.
        await page.Locator("#form-acknowledge button[type=submit]").ClickAsync();
        Assert.Contains("Nhập tên người thực hiện", await page.Locator("#form-acknowledge").InnerTextAsync());
        Assert.Equal("Đang cảnh báo", (await page.Locator("#alert-state").InnerTextAsync()).Trim());

        await page.Locator("#ack-operator").FillAsync("Lê Minh Châu");
        await page.Locator("#ack-note").FillAsync("Đã liên hệ Cục THADS tỉnh Điện Biên");
        await page.Locator("#form-acknowledge button[type=submit]").ClickAsync();

        await page.WaitForURLAsync("**done=acknowledge**");
        Assert.Equal("Đã tiếp nhận cảnh báo.", (await page.Locator("#alert-done").InnerTextAsync()).Trim());
        Assert.Equal("Đã tiếp nhận", (await page.Locator("#alert-state").InnerTextAsync()).Trim());
        Assert.StartsWith("Lê Minh Châu", (await page.Locator("#alert-acknowledged").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var history = await page.Locator("#alert-history").InnerTextAsync();
        Assert.Contains("Tiếp nhận", history, StringComparison.Ordinal);
        Assert.Contains("Đã liên hệ Cục THADS tỉnh Điện Biên", history, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#form-acknowledge").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("alerts-acknowledged.png") });

        // Acknowledged alerts stop interrupting the wall but stay on its ticker.
        await page.GotoAsync(_app.Url("/wall").ToString());
        Assert.False(await page.Locator("#alert-interruption").IsVisibleAsync());
        Assert.Contains("đã tiếp nhận: Lê Minh Châu", await page.Locator("#alert-ticker").InnerTextAsync());
    }
}

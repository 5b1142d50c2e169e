using Dapper;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>The alert console and the wall's ticker in a real Chromium, against a database of their own.</summary>
/// <remarks>
/// In the demo-data collection although it does not read the demo data: it then runs after the
/// fixture's bulk load instead of beside it (on a busy two-core machine the load's COPY otherwise
/// passes its 30 s command timeout).
/// </remarks>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class AlertsPageTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;
    private long _alertId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("alertpage");
        await _database.MigrateAsync();
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
            // A console with some company, as an operator sees it on a working day (warnings only, so
            // the wall's interruption stays the one critical alert above).
            await connection.ExecuteAsync("""
                insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, acknowledged_at, acknowledged_by, last_evaluated_at)
                select (array['behind-pace-cases', 'behind-last-year-cases', 'forecast-money'])[1 + n % 3], p.code, 1 + n % 2,
                       case when n % 4 = 0 then 'acknowledged' when n % 4 = 1 then 'pending' else 'firing' end,
                       'Tỷ lệ việc ' || (40 + n) || ',12% chậm ' || (n % 7 + 2) || ',30 điểm % so với tiến độ, chậm ' || (10 + n) || ' ngày',
                       3.2, 2, now() - n * interval '47 minutes', now() - n * interval '45 minutes',
                       case when n % 4 = 0 then now() end, case when n % 4 = 0 then 'Trần Thu Hà' end, now()
                from (select code, row_number() over (order by code) as n from province where code <> '11') p
                where n <= 14
                """);
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
        var page = await browser.NewWallPageAsync(_app);
        await page.GotoAsync(_app.Url("/wall").ToString());

        Assert.Contains("Điện Biên", await page.Locator($"#alert-ticker [data-alert-id='{_alertId}']").InnerTextAsync());
        Assert.True(await page.Locator("#alert-interruption").IsVisibleAsync());
        Assert.Contains("Chậm tiến độ tỷ lệ tiền", await page.Locator("#alert-interruption h2").InnerTextAsync());

        await page.GotoAsync(_app.Url("/wall?interrupt=0").ToString());
        Assert.False(await page.Locator("#alert-interruption").IsVisibleAsync());
    }

    [Fact]
    public async Task Framework_ScriptIsServed_AndOnlyTheInteractiveConsoleLoadsIt()
    {
        using var http = (await Session.StartAsync(_app, [Roles.Leader])).Client(_app);

        var script = await http.GetAsync(_app.Url("/_framework/blazor.web.js"));
        Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

        var console = await http.GetStringAsync(_app.Url("/alerts"));
        Assert.Contains("_framework/blazor.web", console, StringComparison.Ordinal);
        Assert.Contains("id=\"components-reconnect-modal\"", console, StringComparison.Ordinal);
        Assert.Contains("Mất kết nối tới máy chủ, đang kết nối lại…", console, StringComparison.Ordinal);

        // The walls stay static SSR pushed by our own hub: no circuit, no Blazor script.
        foreach (var wall in new[] { "/wall", "/wall/provinces", "/wall/provinces/11" })
        {
            var html = await http.GetStringAsync(_app.Url(wall));
            Assert.DoesNotContain("blazor.web", html, StringComparison.Ordinal);
            Assert.DoesNotContain("components-reconnect-modal", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnonymousGet_Alerts_IsARedirectToSignIn()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Address };

        using var response = await http.GetAsync(new Uri($"/alerts?selected={_alertId}", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", new Uri(_app.Address, response.Headers.Location!).AbsolutePath);
        Assert.DoesNotContain("Điện Biên", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_AcknowledgesInPlace_AndSeesOwnEmailInTheHistory_ThenSignsOut_AndBackShowsNothingPrivate()
    {
        var session = await Session.StartAsync(_app, [Roles.Operator]);
        var page = await browser.NewWallPageAsync(_app, session);
        await page.GotoAsync(_app.Url($"/alerts?selected={_alertId}&filter=all").ToString());
        await page.Locator("#alert-console[data-interactive=true]").WaitForAsync();
        // From here on the page must not be replaced: the same window keeps this marker, and the
        // main frame does not navigate (a full post or an enhanced navigation would).
        await page.EvaluateAsync("() => { window.consoleMarker = { since: Date.now() }; }");
        var navigations = 0;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                navigations++;
            }
        };
        Assert.Equal("Đang cảnh báo", (await page.Locator("#alert-state").InnerTextAsync()).Trim());
        Assert.Equal(session.Email, (await page.Locator("#account-name").InnerTextAsync()).Trim());
        // Nobody types who they are: the signed-in person acts.
        Assert.Equal(0, await page.Locator("#action-operator").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("alerts-console-1920x1080.png") });

        await page.Locator("#action-note").FillAsync("Đã liên hệ Cục THADS tỉnh Điện Biên");
        await page.Locator("#act-acknowledge").ClickAsync();

        await Assertions.Expect(page.Locator("#alert-done")).ToHaveTextAsync("Đã tiếp nhận cảnh báo.");
        await Assertions.Expect(page.Locator("#alert-state")).ToHaveTextAsync("Đã tiếp nhận");
        Assert.StartsWith(session.Email, (await page.Locator("#alert-acknowledged").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var entry = page.Locator("#alert-history li[data-action=acknowledge]");
        Assert.Equal(session.Email, (await entry.Locator(".actor").InnerTextAsync()).Trim());
        Assert.Contains("Đã liên hệ Cục THADS tỉnh Điện Biên", await entry.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#act-acknowledge").CountAsync());
        Assert.Equal(0, navigations);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.consoleMarker?.since === 'number'"));
        await using (var connection = await _database.OpenAsync())
        {
            var row = await connection.QuerySingleAsync<(string State, string AcknowledgedBy)>(
                "select state, acknowledged_by from alert where id = @id", new { id = _alertId });
            Assert.Equal(("acknowledged", session.Email), row);
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
                "select count(*) from audit_log where action = 'alert.acknowledge' and actor = @actor and province_code = '11' and subject = @subject",
                new { actor = session.Email, subject = $"alert:{_alertId}" }));
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("alerts-acknowledged-1920x1080.png") });

        // A laptop: the same two panes, nothing cut off.
        var laptop = await browser.NewWallPageAsync(_app, session, width: 1366, height: 768);
        await laptop.GotoAsync(_app.Url($"/alerts?selected={_alertId}&filter=all").ToString());
        await laptop.Locator("#alert-console[data-interactive=true]").WaitForAsync();
        Assert.True(await laptop.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        var list = await laptop.Locator(".console-list").BoundingBoxAsync();
        var detail = await laptop.Locator("#alert-detail").BoundingBoxAsync();
        Assert.True(list!.X + list.Width <= detail!.X, "the list and the detail sit side by side");
        await laptop.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("alerts-console-1366x768.png") });
        await laptop.Context.CloseAsync();

        // Signing out from the account menu ends the session; the back button then shows the
        // sign-in page, not the alert (signed-in pages are never stored: Cache-Control no-store).
        await page.Locator("#account-menu button[value=false]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in");
        await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in", new PageWaitForURLOptions { Timeout = 15_000 });
        var shown = await page.ContentAsync();
        Assert.Equal(0, await page.Locator("#alert-detail").CountAsync());
        Assert.DoesNotContain("Đã liên hệ Cục THADS tỉnh Điện Biên", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Email, shown, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("alerts-back-after-sign-out-1920x1080.png") });

        // The wall's ticker names who acknowledged (an Admin's screen here); acknowledged alerts stop interrupting it.
        var wall = await browser.NewWallPageAsync(_app);
        await wall.GotoAsync(_app.Url("/wall").ToString());
        Assert.False(await wall.Locator("#alert-interruption").IsVisibleAsync());
        Assert.Contains($"đã tiếp nhận: {session.Email}", await wall.Locator("#alert-ticker").InnerTextAsync());
    }
}

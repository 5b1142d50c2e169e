using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Fleet;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Tests.Fleet;

/// <summary>
/// A fresh Chromium on <c>/screen</c>, as a new TV: it shows a code; pairing that code sends it to its
/// view with no hand on it; the fleet sees it online; identify reaches it; revoking brings back a code.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ScreenBrowserTests(Browser browser, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<Browser>, IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("fleetbrowser");
        // A night window around now (in the center's time zone) for the room "Phòng đêm".
        var now = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")));
        var window = $"{now.AddHours(-1):HH\\:mm}-{now.AddHours(1):HH\\:mm}";
        _app = RunningApp.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Fleet:PixelShiftInterval"] = "00:00:01",
            ["Fleet:NightDimming:Phòng đêm"] = window,
        });
        await _app.Services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task FreshScreen_ShowsACode_PairingSendsItToItsView_RevokingBringsACodeBack()
    {
        var commands = _app.Services.GetRequiredService<FleetCommands>();
        var registry = _app.Services.GetRequiredService<ScreenRegistry>();
        var admin = await ScreenClient.AdminAsync(_app);
        var page = await browser.NewAnonymousPageAsync();
        await page.GotoAsync(_app.Url("/screen").ToString());
        var code = await page.Locator("#pairing-code").GetAttributeAsync("data-code");
        Assert.Matches("^[A-Z0-9]{6}$", code);
        Assert.Equal("none", await page.EvaluateAsync<string>("getComputedStyle(document.body).cursor"));
        // Beside the code, a QR of the fleet page with that code filled in, for an Admin's phone.
        var qr = page.Locator("#pairing-qr");
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth >= 100"), "the QR image did not draw");
        var pairUrl = await qr.GetAttributeAsync("data-url");
        Assert.Equal(_app.Url($"/admin/screens?code={code}").ToString(), pairUrl);
        var admin2 = await browser.NewWallPageAsync(_app);
        await admin2.GotoAsync(pairUrl!);
        Assert.Equal(code, await admin2.Locator("#pair-code").InputValueAsync());
        await admin2.CloseAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var paired = await commands.PairAsync(admin, code, "TV trình duyệt", "Phòng thử", "/wall", null);

        Assert.True(paired.Succeeded, paired.Message);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall", new PageWaitForURLOptions { Timeout = 15_000 });
        output.WriteLine($"paired → on /wall: {clock.ElapsedMilliseconds} ms");
        await page.Locator("#screen-agent[data-screen='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var listed = await EventuallyAsync(async () => (await registry.ListAsync()).SingleOrDefault(s => s.Online && s.CurrentView == "/wall"));
        Assert.Equal(ViewPublisher.Deploy, listed.BuildVersion);
        Assert.Equal("1920×1080", listed.Viewport);

        // Burn-in care: the page has drifted off its first position (a 1 s interval here) and stays within 4 px.
        await page.WaitForFunctionAsync("() => Number(document.documentElement.dataset.shift ?? 0) >= 2", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        var offset = await page.EvaluateAsync<double[]>("() => { const m = new DOMMatrix(getComputedStyle(document.body).transform); return [m.m41, m.m42]; }");
        Assert.True(offset.All(v => Math.Abs(v) <= 4) && offset.Any(v => v != 0), $"page offset {offset[0]}, {offset[1]}");

        clock.Restart();
        await commands.ActAsync(admin, ScreenAction.Identify, [paired.ScreenId!.Value], null, null);
        await page.Locator("#screen-identify").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 2_000 });
        output.WriteLine($"identify → overlay shown: {clock.ElapsedMilliseconds} ms");
        Assert.Equal("TV trình duyệt", await page.Locator("#screen-identify").InnerTextAsync());

        clock.Restart();
        await commands.ActAsync(admin, ScreenAction.Revoke, [paired.ScreenId.Value], null, null);

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/screen", new PageWaitForURLOptions { Timeout = 10_000 });
        await page.Locator("#pairing-code").WaitForAsync();
        output.WriteLine($"revoke → new code shown: {clock.ElapsedMilliseconds} ms");
        var newCode = await page.Locator("#pairing-code").GetAttributeAsync("data-code");
        Assert.Matches("^[A-Z0-9]{6}$", newCode);
        Assert.NotEqual(code, newCode);
    }

    [Fact]
    public async Task PairedScreen_RotatesThroughItsPlaylist_FromTheFleetCommand()
    {
        var commands = _app.Services.GetRequiredService<FleetCommands>();
        var admin = await ScreenClient.AdminAsync(_app);
        var page = await browser.NewAnonymousPageAsync();
        await page.GotoAsync(_app.Url("/screen").ToString());
        var code = await page.Locator("#pairing-code").GetAttributeAsync("data-code");
        var paired = await commands.PairAsync(admin, code, "TV danh sách phát", "Phòng thử", "/wall", null);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall", new PageWaitForURLOptions { Timeout = 15_000 });
        await page.Locator("#screen-agent").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Task.Delay(1000); // the agent's hub connection, which carries the reload

        var set = await commands.SetPlaylistAsync(admin, [paired.ScreenId!.Value], "/wall 2\n/wall/provinces 2", null);

        Assert.True(set.Succeeded, set.Message);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall/provinces", new PageWaitForURLOptions { Timeout = 15_000 });
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall", new PageWaitForURLOptions { Timeout = 15_000 });
        Assert.Equal([new PlaylistItem("/wall", 2), new PlaylistItem("/wall/provinces", 2)],
            await _app.Services.GetRequiredService<ScreenRegistry>().PlaylistAsync(paired.ScreenId.Value));
    }

    [Fact]
    public async Task ScreenFollowingAlerts_GoesToTheProvinceOfANewCriticalAlert_ThenResumes()
    {
        var commands = _app.Services.GetRequiredService<FleetCommands>();
        var admin = await ScreenClient.AdminAsync(_app);
        var page = await PairedPageAsync(commands, admin, "TV theo cảnh báo", "Phòng thử");
        var other = await PairedPageAsync(commands, admin, "TV không theo", "Phòng thử");
        await Task.Delay(1000); // the agents' hub connections
        var screens = await _app.Services.GetRequiredService<ScreenRegistry>().ListAsync();
        var set = await commands.SetPlaylistAsync(admin, [screens.Single(s => s.Name == "TV theo cảnh báo").Id], "/wall 60\nfollow-alerts 4", null);
        Assert.True(set.Succeeded, set.Message);
        await page.WaitForFunctionAsync("() => document.getElementById('screen-agent')?.dataset.playlist.includes('follow-alerts')",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await Task.Delay(1000);

        await using (var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                with raised as (
                    insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, last_evaluated_at)
                    values ('behind-pace-money', '79', 3, 'firing', 'Tỷ lệ tiền chậm 9,10 điểm % so với tiến độ', 9.1, 1.5, now(), now(), now())
                    returning id)
                insert into alert_transition (alert_id, action, from_state, to_state, actor, note)
                select id, 'fire', null, 'firing', 'system', 'test' from raised
                """);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall/provinces/79", new PageWaitForURLOptions { Timeout = 10_000 });
        output.WriteLine($"critical alert in 79 → screen on its province page: {clock.ElapsedMilliseconds} ms");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall", new PageWaitForURLOptions { Timeout = 15_000 });
        output.WriteLine($"back on /wall after {clock.ElapsedMilliseconds} ms (item: 4 s)");
        // Followed once: back on its rotation it stays there while the alert is still new; the screen
        // without the item never left.
        await Task.Delay(3000);
        Assert.Equal("/wall", new Uri(page.Url).AbsolutePath);
        Assert.Equal("/wall", new Uri(other.Url).AbsolutePath);
    }

    [Fact]
    public async Task ScreenOfARoomInItsNightWindow_DimsItself_OthersDoNot()
    {
        var commands = _app.Services.GetRequiredService<FleetCommands>();
        var admin = await ScreenClient.AdminAsync(_app);
        var night = await PairedPageAsync(commands, admin, "TV đêm", "Phòng đêm");
        var day = await PairedPageAsync(commands, admin, "TV ngày", "Phòng thử");

        await night.Locator("#screen-night").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 5_000 });
        Assert.True(await day.Locator("#screen-night").IsHiddenAsync());
    }

    private async Task<IPage> PairedPageAsync(FleetCommands commands, System.Security.Claims.ClaimsPrincipal admin, string name, string room)
    {
        var page = await browser.NewAnonymousPageAsync();
        await page.GotoAsync(_app.Url("/screen").ToString());
        var code = await page.Locator("#pairing-code").GetAttributeAsync("data-code");
        var paired = await commands.PairAsync(admin, code, name, room, "/wall", null);
        Assert.True(paired.Succeeded, paired.Message);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall", new PageWaitForURLOptions { Timeout = 15_000 });
        await page.Locator("#screen-agent").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "The screen did not show up online on the fleet list.");
            await Task.Delay(200);
        }
    }
}

using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Ingestion;

namespace MonitoringCenter.Tests.Screens;

/// <summary>The live national wall in a real Chromium: changes arrive without a reload, and the screen is honest when the server goes away.</summary>
[Trait("Category", "Browser")]
public sealed class LiveWallTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly Dictionary<string, string> QuickStale = new()
    {
        ["Live:StaleAfter"] = "00:00:03",
        ["Live:HeartbeatInterval"] = "00:00:01",
    };

    [Fact]
    public async Task Wall_ShowsNewCompletionsWithoutReload_SaysWhenStale_AndHealsWhenTheServerReturns()
    {
        await using var database = await LiveDatabase.CreateAsync("livewall");
        var port = RunningApp.FreePort();
        var app = RunningApp.Start(database.Database.ConnectionString, QuickStale, port);
        try
        {
            var page = await browser.NewWallPageAsync(app);
            await page.GotoAsync(app.Url("/wall").ToString());
            await page.Locator("#connection-state.connected").WaitForAsync();
            Assert.Equal("7 việc", await CasesAsync(page));
            // A reload would lose this.
            await page.EvaluateAsync("() => window.sameDocument = true");

            // Five cases completed today, sent as a source system sends them, through the application service.
            var events = app.Services.GetRequiredService<CaseEventService>();
            var now = database.Clock.Now.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
            var batch = Enumerable.Range(1, 5).SelectMany(i => new CaseEvent[]
            {
                new() { EventId = $"e{i}-a", Type = "accepted", CaseId = $"HCM-{i}", Province = "79", Office = "79-02", OccurredAt = now, Category = "other", Amount = 1_000_000 },
                new() { EventId = $"e{i}-c", Type = "classified", CaseId = $"HCM-{i}", Province = "79", Office = "79-02", OccurredAt = now, WithConditions = true },
                new() { EventId = $"e{i}-d", Type = "completed", CaseId = $"HCM-{i}", Province = "79", Office = "79-02", OccurredAt = now },
            }).ToList();
            var result = await events.ApplyAsync(batch, IngestionCaller.System("test"));
            Assert.Equal(BatchStatus.Applied, result.Status);
            Assert.Equal(15, result.Accepted);
            await WaitForCasesAsync(page, "12 việc");
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
            Assert.True(await page.Locator("#stale-banner").IsHiddenAsync());

            await app.DisposeAsync();
            await page.Locator("#stale-banner").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 20_000 });
            Assert.Contains("có thể đã cũ", await page.Locator("#stale-banner").InnerTextAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("wall-stale.png") });

            // Data moves on while the screen is cut off; it must show it once the server is back.
            await database.AddCompletedCasesAsync("01", 3, completed: 3);
            app = RunningApp.Start(database.Database.ConnectionString, QuickStale, port);
            await page.Locator("#stale-banner").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 40_000 });
            await WaitForCasesAsync(page, "15 việc");
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
            Assert.Equal("đã kết nối", await page.Locator("#connection-state").InnerTextAsync());
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Wall_NewAlert_AppearsOnTheTickerWithoutReload()
    {
        await using var database = await LiveDatabase.CreateAsync("liveticker");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        var page = await browser.NewWallPageAsync(app);
        await page.GotoAsync(app.Url("/wall?interrupt=0").ToString());
        await page.Locator("#connection-state.connected").WaitForAsync();
        await page.EvaluateAsync("() => window.sameDocument = true");
        Assert.DoesNotContain("Cao Bằng", await page.Locator("#alert-ticker").InnerTextAsync());

        await database.FireAlertAsync("04", "Tỷ lệ việc chậm 3,2 điểm % so với lộ trình");

        var ticker = page.Locator("#alert-ticker");
        await Assertions.Expect(ticker).ToContainTextAsync("Cao Bằng", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Assertions.Expect(ticker).ToContainTextAsync("chậm 3,2 điểm %");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
    }

    [Theory]
    [InlineData("/wall/provinces", "#province-table")]
    [InlineData("/wall/provinces/01", "#office-table")]
    public async Task ProvinceScreens_FollowNewCompletionsWithoutReload(string path, string fragment)
    {
        await using var database = await LiveDatabase.CreateAsync("liveprov");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        var page = await browser.NewWallPageAsync(app);
        await page.GotoAsync(app.Url(path).ToString());
        await page.Locator("#connection-state.connected").WaitForAsync();
        await page.EvaluateAsync("() => window.sameDocument = true");
        var before = await page.Locator(fragment).InnerTextAsync();

        await database.AddCompletedCasesAsync("01", 3, completed: 3);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await page.Locator(fragment).InnerTextAsync() == before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{fragment} on {path} did not change.");
            await Task.Delay(100);
        }
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        Assert.True(await page.Locator("#stale-banner").IsHiddenAsync());
    }

    private static async Task<string> CasesAsync(IPage page) =>
        string.Join(" ", (await page.Locator("#tile-cases .value").InnerTextAsync()).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static async Task WaitForCasesAsync(IPage page, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string actual;
        while ((actual = await CasesAsync(page)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The cases tile still shows '{actual}', expected '{expected}'.");
            await Task.Delay(100);
        }
    }
}

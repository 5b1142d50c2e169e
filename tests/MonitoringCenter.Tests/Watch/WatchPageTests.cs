using System.Globalization;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Ingestion;

namespace MonitoringCenter.Tests.Watch;

/// <summary>
/// <c>/wall/watch</c> and the watch section of <c>/wall/provinces/79</c> in a real Chromium: the lists, and a high-value case
/// accepted then completed arriving by push, without a reload.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WatchPageTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task WatchWall_ShowsTheFourLists_AndAHighValueCompletionWithoutReload()
    {
        await using var database = await LiveDatabase.CreateAsync("livewatch");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        var page = await browser.NewWallPageAsync(app);
        var response = await page.GotoAsync(app.Url("/wall/watch").ToString());
        Assert.Equal(200, response!.Status);
        await page.Locator("#connection-state.connected").WaitForAsync();
        foreach (var list in new[] { "#watch-high-value", "#watch-old", "#watch-delayed", "#watch-steering" })
        {
            Assert.Equal(1, await page.Locator(list + " table").CountAsync());
        }
        Assert.Equal("0", await page.Locator("[data-total=high-value-completed]").InnerTextAsync());
        await page.EvaluateAsync("() => window.sameDocument = true");

        // A 12 tỷ đồng corruption case followed by the Steering Committee, completed today.
        await BigCaseAsync(app, database, "accepted", "classified", "payment", "completed");

        await Assertions.Expect(page.Locator("[data-total=high-value-completed]")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-total=steering]")).ToHaveTextAsync("1");
        Assert.Contains("Hồ Chí Minh", await page.Locator("#watch-high-value tbody tr").First.InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("watch-live.png") });

        // The province's own lists, per office, link from its row.
        await page.Locator("#watch-high-value tbody tr").First.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/wall/watch/79");
        await page.Locator("#connection-state.connected").WaitForAsync();
        Assert.Equal("79-02", await page.Locator("#watch-high-value tbody tr").First.GetAttributeAsync("data-unit"));
        Assert.Equal("1", await page.Locator("[data-total=high-value-completed]").InnerTextAsync());
    }

    [Fact]
    public async Task ProvincePage_ShowsItsWatchFigures_AndAHighValueCaseAcceptedThenCompleted_WithoutReload()
    {
        await using var database = await LiveDatabase.CreateAsync("provwatch");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        var page = await browser.NewWallPageAsync(app);
        var response = await page.GotoAsync(app.Url("/wall/provinces/79").ToString());
        Assert.Equal(200, response!.Status);
        await page.Locator("#connection-state.connected").WaitForAsync();
        var section = page.Locator("#province-watch");
        Assert.Equal("0 vụ", await section.Locator("[data-watch=high-value-open]").InnerTextAsync());
        Assert.Equal("/wall/watch/79", await section.Locator("a.section-link").GetAttributeAsync("href"));
        await page.EvaluateAsync("() => window.sameDocument = true");

        // A 12 tỷ đồng corruption case followed by the Steering Committee, accepted and classified today.
        await BigCaseAsync(app, database, "accepted", "classified");
        await Assertions.Expect(section.Locator("[data-watch=high-value-open]")).ToHaveTextAsync("1 vụ", new() { Timeout = 30_000 });
        await Assertions.Expect(section.Locator("[data-watch=steering]")).ToHaveTextAsync("1 vụ");
        Assert.Equal("12,0 tỷ đồng", await section.Locator("[data-watch=high-value-amount]").InnerTextAsync());

        // Paid in full and completed: no longer open, recovered for the Steering Committee.
        await BigCaseAsync(app, database, "payment", "completed");
        await Assertions.Expect(section.Locator("[data-watch=high-value-open]")).ToHaveTextAsync("0 vụ", new() { Timeout = 30_000 });
        Assert.Equal("đã thu hồi 12,0 tỷ đồng", await section.Locator("[data-watch=steering-collected]").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("province-watch-live.png") });

        await section.Locator("a.section-link").ClickAsync();
        await page.WaitForURLAsync("**/wall/watch/79");
        await page.Locator("#connection-state.connected").WaitForAsync();
        Assert.Equal("1", await page.Locator("[data-total=steering]").InnerTextAsync());
    }

    /// <summary>
    /// Events of one 12 tỷ đồng corruption case in Hồ Chí Minh City, followed by the Steering Committee, dated now, through
    /// the ingestion service: accepted (with its amount), classified with conditions, paid in full, completed.
    /// </summary>
    private static async Task BigCaseAsync(RunningApp app, LiveDatabase database, params string[] types)
    {
        var now = database.Clock.Now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        CaseEvent Event(string type) => type switch
        {
            "accepted" => new() { Category = "corruption-economic", Amount = 12_000_000_000, SteeringCommittee = true },
            "classified" => new() { WithConditions = true },
            "payment" => new() { Amount = 12_000_000_000 },
            _ => new(),
        };
        var result = await app.Services.GetRequiredService<CaseEventService>().ApplyAsync(
            [.. types.Select(type => Event(type) with { EventId = "big-" + type, Type = type, CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now })],
            IngestionCaller.System("test"));
        Assert.Equal(BatchStatus.Applied, result.Status);
        Assert.Equal(types.Length, result.Accepted);
    }
}

using System.Globalization;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Ingestion;

namespace MonitoringCenter.Tests.Watch;

/// <summary><c>/wall/watch</c> in a real Chromium: the four lists, and a high-value completion arriving by push, without a reload.</summary>
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
        var now = database.Clock.Now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var result = await app.Services.GetRequiredService<CaseEventService>().ApplyAsync(
        [
            new() { EventId = "w-a", Type = "accepted", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now,
                Category = "corruption-economic", Amount = 12_000_000_000, SteeringCommittee = true },
            new() { EventId = "w-c", Type = "classified", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now, WithConditions = true },
            new() { EventId = "w-p", Type = "payment", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now, Amount = 12_000_000_000 },
            new() { EventId = "w-d", Type = "completed", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now },
        ], IngestionCaller.System("test"));
        Assert.Equal(BatchStatus.Applied, result.Status);
        Assert.Equal(4, result.Accepted);

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
}

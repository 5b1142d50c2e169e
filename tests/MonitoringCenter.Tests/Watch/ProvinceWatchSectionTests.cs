using System.Globalization;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Ingestion;

namespace MonitoringCenter.Tests.Watch;

/// <summary>The watch section of <c>/wall/provinces/79</c> in a real Chromium: the province's figures, and a high-value case accepted then completed arriving by push, without a reload.</summary>
[Trait("Category", "Browser")]
public sealed class ProvinceWatchSectionTests(Browser browser) : IClassFixture<Browser>
{
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
        var now = database.Clock.Now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var events = app.Services.GetRequiredService<CaseEventService>();
        var accepted = await events.ApplyAsync(
        [
            new() { EventId = "pw-a", Type = "accepted", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now,
                Category = "corruption-economic", Amount = 12_000_000_000, SteeringCommittee = true },
            new() { EventId = "pw-c", Type = "classified", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now, WithConditions = true },
        ], IngestionCaller.System("test"));
        Assert.Equal(BatchStatus.Applied, accepted.Status);
        await Assertions.Expect(section.Locator("[data-watch=high-value-open]")).ToHaveTextAsync("1 vụ", new() { Timeout = 30_000 });
        await Assertions.Expect(section.Locator("[data-watch=steering]")).ToHaveTextAsync("1 vụ");
        Assert.Equal("12,0 tỷ đồng", await section.Locator("[data-watch=high-value-amount]").InnerTextAsync());

        // Paid in full and completed: no longer open, recovered for the Steering Committee.
        var completed = await events.ApplyAsync(
        [
            new() { EventId = "pw-p", Type = "payment", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now, Amount = 12_000_000_000 },
            new() { EventId = "pw-d", Type = "completed", CaseId = "HCM-BIG", Province = "79", Office = "79-02", OccurredAt = now },
        ], IngestionCaller.System("test"));
        Assert.Equal(BatchStatus.Applied, completed.Status);
        await Assertions.Expect(section.Locator("[data-watch=high-value-open]")).ToHaveTextAsync("0 vụ", new() { Timeout = 30_000 });
        Assert.Equal("đã thu hồi 12,0 tỷ đồng", await section.Locator("[data-watch=steering-collected]").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("province-watch-live.png") });

        await section.Locator("a.section-link").ClickAsync();
        await page.WaitForURLAsync("**/wall/watch/79");
        await page.Locator("#connection-state.connected").WaitForAsync();
        Assert.Equal("1", await page.Locator("[data-total=steering]").InnerTextAsync());
    }
}

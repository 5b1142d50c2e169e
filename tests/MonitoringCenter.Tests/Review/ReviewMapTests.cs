using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Review;

/// <summary>The province map in review mode, on the demo data: the frozen point's figures, the indicator in the address, tiles to the province's review.</summary>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class ReviewMapTests(DemoDatabase demo, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _app = RunningApp.Start(demo.Database.ConnectionString);
        await _app.Services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Tiles = "#review-province-map a.map-tile[data-province]";

    [Fact]
    public async Task Review_ShowsTheMap_SwitchingTheIndicatorRecoloursItAndGoesInTheAddress_ATileOpensTheProvinceAtTheSamePoint()
    {
        var page = await browser.NewWallPageAsync(_app, await Session.StartAsync(_app, [Roles.Leader]));
        await page.GotoAsync(_app.Url("/review?year=2025&point=12").ToString());
        await page.Locator("#review[data-interactive=true]").WaitForAsync();
        await page.Locator(Tiles).First.WaitForAsync();

        Assert.Equal(34, await page.Locator(Tiles).CountAsync());
        Assert.Equal("status", await page.Locator("#review-province-map").GetAttributeAsync("data-map"));
        var before = await Fills(page);
        Assert.DoesNotContain("map=", page.Url, StringComparison.Ordinal);

        await page.Locator("#map-indicator").SelectOptionAsync("money");
        await page.WaitForFunctionAsync("() => location.search.includes('map=money')");
        await page.Locator("#review-province-map[data-map='money']").WaitForAsync();
        var after = await Fills(page);
        Assert.True(before.Zip(after).Any(p => p.First != p.Second), "the colours changed with the indicator");
        Assert.True(after.Distinct().Count() >= 3, string.Join(", ", after.Distinct()));

        // The numbers are the frozen table's money rates, province by province.
        var column = await page.Locator("#review-provinces thead th[data-column]").EvaluateAllAsync<int>("ths => ths.findIndex(th => th.dataset.column === 'money-rate')");
        var table = await page.Locator("#review-provinces tbody tr[data-province]").EvaluateAllAsync<string[][]>(
            $"rows => rows.map(r => [r.dataset.province, r.children[{column}].textContent.trim()])");
        var tiles = await page.Locator(Tiles).EvaluateAllAsync<string[][]>("ts => ts.map(t => [t.dataset.province, t.querySelector('.map-value').textContent])");
        Assert.Equal(34, table.Length);
        Assert.Equal(table.ToDictionary(r => r[0], r => r[1]), tiles.ToDictionary(t => t[0], t => t[1]));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("review-map-money.png"), FullPage = true });

        await page.Locator("#review-province-map a.map-tile[data-province='79']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/review/provinces/79");
        var query = new Uri(page.Url).Query;
        Assert.Contains("year=2025", query, StringComparison.Ordinal);
        Assert.Contains("point=12", query, StringComparison.Ordinal);
        await page.Locator("#review-province[data-province='79']").WaitForAsync();
        Assert.Contains("Số liệu chốt đến 30/09/2025", await page.Locator("#review-frozen").InnerTextAsync());
    }

    [Fact]
    public async Task PresentedReview_ShowsTheChosenIndicatorsMap_AndTheTableWithoutOne()
    {
        var screen = await browser.NewWallPageAsync(_app);

        Assert.Equal(200, (await screen.GotoAsync(_app.Url("/wall/review?year=2025&point=12&map=case-pace").ToString()))!.Status);
        Assert.Equal("case-pace", await screen.Locator("#province-map").GetAttributeAsync("data-map"));
        Assert.Equal(34, await screen.Locator("#province-map a.map-tile[data-value]").CountAsync());
        Assert.Equal(5, await screen.Locator("#province-map-legend .map-legend-item[data-colour]").CountAsync());
        await screen.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("wall-review-map-case-pace.png") });

        // The map fits the screen.
        var box = (await screen.Locator("#province-map svg").BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 1080 && box.X + box.Width <= 1920, $"{box.X},{box.Y} {box.Width}x{box.Height}");

        await screen.GotoAsync(_app.Url("/wall/review?year=2025&point=12").ToString());
        Assert.Equal(34, await screen.Locator("#review-provinces tbody tr").CountAsync());
        Assert.Equal(0, await screen.Locator("#province-map").CountAsync());
    }

    private static Task<string[]> Fills(IPage page) =>
        page.Locator(Tiles).EvaluateAllAsync<string[]>("ts => ts.sort((a, b) => a.dataset.province.localeCompare(b.dataset.province)).map(t => getComputedStyle(t.querySelector('rect')).fill)");
}

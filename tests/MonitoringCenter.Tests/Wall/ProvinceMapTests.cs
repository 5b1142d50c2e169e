using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Tests.Wall;

/// <summary>The national wall's tile map on the demo data: the 34 provinces, each a link coloured like its bar in the ranking.</summary>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class ProvinceMapTests(DemoDatabase demo, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private RunningApp _app = default!;

    public Task InitializeAsync()
    {
        _app = RunningApp.Start(demo.Database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Layout_PlacesEveryProvinceOnce_OnDistinctCells()
    {
        Assert.Equal(ReferenceData.Provinces.Select(p => p.Code).Order(), ProvinceTileMap.Codes.Order());
        var tiles = ProvinceTileMap.Tiles(new Dictionary<string, string>(), new Dictionary<string, MonitoringCenter.Web.Alerts.ProvinceAlertCount>());
        Assert.Equal(34, tiles.Select(t => (t.Column, t.Row)).Distinct().Count());
        // North to south: Hà Nội above Huế above Hồ Chí Minh City above Cà Mau.
        int Row(string code) => tiles.Single(t => t.Code == code).Row;
        Assert.True(Row("01") < Row("46") && Row("46") < Row("79") && Row("79") < Row("96"));
    }

    [Fact]
    public async Task Wall_ShowsAMapOf34Tiles_WithDataProvince_LinkedToTheProvincePages_AndColouredByTheRankingsStatus()
    {
        var page = await browser.NewWallPageAsync(_app);
        await page.GotoAsync(_app.Url("/wall?year=2025&asOf=2025-09-30").ToString());
        await page.Locator("#chart-ranking .apexcharts-datalabel").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var tiles = page.Locator("#province-map a.map-tile[data-province]");
        Assert.Equal(34, await tiles.CountAsync());
        var codes = await tiles.EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.province)");
        Assert.Equal(ReferenceData.Provinces.Select(p => p.Code).Order(), codes.Order());
        var hrefs = await tiles.EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('href'))");
        Assert.All(codes.Zip(hrefs), p => Assert.Equal($"/wall/provinces/{p.First}?year=2025&asOf=2025-09-30", p.Second));

        // The same status (and so the same colour) as the province's bar in the ranking, and more than one colour.
        var chart = System.Text.Json.JsonDocument.Parse(await page.Locator("#chart-data").InnerTextAsync()).RootElement.GetProperty("ranking");
        var expected = chart.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)
            .Zip(chart.GetProperty("status").EnumerateArray().Select(s => s.GetString()!)).ToDictionary(p => p.First, p => p.Second);
        var fills = await tiles.EvaluateAllAsync<string[][]>("ts => ts.map(t => [t.dataset.province, t.dataset.status, getComputedStyle(t.querySelector('rect')).fill])");
        Assert.All(fills, f => Assert.Equal(expected[f[0]], f[1]));
        Assert.True(fills.Select(f => f[2]).Distinct().Count() >= 2, "the tiles are coloured by status: " + string.Join(", ", fills.Select(f => f[2]).Distinct()));
        Assert.Equal("rgb(61, 220, 151)", fills.First(f => f[1] == "on-pace")[2]);
        Assert.Equal("rgb(255, 93, 108)", fills.First(f => f[1] == "lagging")[2]);

        await page.Locator("#province-map a.map-tile[data-province='79']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall/provinces/79");
    }
}

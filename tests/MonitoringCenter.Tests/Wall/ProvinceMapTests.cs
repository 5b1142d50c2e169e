using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Model;
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

    [Fact]
    public async Task WallMapOfMoney_TilesCarryEachProvincesMoneyRateFromTheSnapshotApi_ColouredByTheLegendsClasses_AndLiveUnderItsOwnKey()
    {
        var (_, secret) = await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("map-test", true, [], "test");
        using var api = new HttpClient { BaseAddress = _app.Address };
        api.DefaultRequestHeaders.Add("X-Api-Key", secret);
        using var snapshot = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/snapshot?year=2025", UriKind.Relative)));
        var expected = snapshot.RootElement.GetProperty("units").EnumerateArray().ToDictionary(
            u => u.GetProperty("code").GetString()!,
            u => Math.Round(100m * u.GetProperty("total").GetProperty("moneyCollected").GetInt64() / u.GetProperty("total").GetProperty("moneyWithConditions").GetInt64(),
                2, MidpointRounding.AwayFromZero));

        var page = await browser.NewWallPageAsync(_app);
        var response = await page.GotoAsync(_app.Url("/wall?year=2025&asOf=2025-09-30&map=money").ToString());
        Assert.Equal(200, response!.Status);
        // The hub accepted the view's key (with map=money): the page is connected to its group.
        Assert.Equal("wall?year=2025&asOf=2025-09-30&map=money", await page.Locator("#wall").GetAttributeAsync("data-view"));
        await page.Locator("#connection-state.connected").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var tiles = page.Locator("#province-map[data-map='money'] a.map-tile[data-province]");
        Assert.Equal(34, await tiles.CountAsync());
        var shown = await tiles.EvaluateAllAsync<string[][]>(
            "ts => ts.map(t => [t.dataset.province, t.dataset.value, t.getAttribute('class'), getComputedStyle(t.querySelector('rect')).fill, t.querySelector('.map-value').textContent, t.querySelector('title').textContent])");
        Assert.Equal(expected.Keys.Order(), shown.Select(s => s[0]).Order());
        Assert.All(shown, s => Assert.Equal(expected[s[0]], decimal.Parse(s[1], CultureInfo.InvariantCulture)));
        // Hồ Chí Minh City's number under its name, and in its title with its name and the indicator.
        var hcm = shown.Single(s => s[0] == "79");
        Assert.Equal(VietnameseFormat.Percent(expected["79"] / 100), hcm[4]);
        Assert.StartsWith($"Thành phố Hồ Chí Minh: Tỷ lệ thu tiền {VietnameseFormat.Percent(expected["79"] / 100)}", hcm[5], StringComparison.Ordinal);

        // Five classes in the legend, their bounds as numbers; every tile falls in exactly one, and has its colour.
        var legend = await page.Locator("#province-map-legend .map-legend-item[data-colour]").EvaluateAllAsync<string[][]>(
            "gs => gs.map(g => [g.dataset.colour, g.dataset.from, g.dataset.to, getComputedStyle(g.querySelector('rect')).fill, g.textContent.trim()])");
        Assert.Equal(5, legend.Length);
        Assert.All(legend, l => Assert.Matches(@"\d+,\d\d%", l[4]));
        foreach (var s in shown)
        {
            var value = decimal.Parse(s[1], CultureInfo.InvariantCulture);
            var bucket = legend.Single(l => (l[1].Length == 0 || value >= decimal.Parse(l[1], CultureInfo.InvariantCulture))
                && (l[2].Length == 0 || value < decimal.Parse(l[2], CultureInfo.InvariantCulture)));
            Assert.Contains($"map-class-{bucket[0]}", s[2].Split(' '));
            Assert.Equal(bucket[3], s[3]);
        }
        Assert.Equal(5, shown.Select(s => s[3]).Distinct().Count());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("wall-map-money.png") });
    }

    [Fact]
    public async Task WallMap_BadIndicator_Is400_WithAReadableBanner()
    {
        var page = await browser.NewWallPageAsync(_app);
        var response = await page.GotoAsync(_app.Url("/wall?map=bogus").ToString());

        Assert.Equal(400, response!.Status);
        var banner = await page.Locator("#wall-problem").InnerTextAsync();
        Assert.Contains("Chỉ tiêu bản đồ \"bogus\" không hợp lệ", banner, StringComparison.Ordinal);
        Assert.Contains("money", banner, StringComparison.Ordinal);
    }
}

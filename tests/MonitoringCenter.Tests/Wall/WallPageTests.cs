using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;

namespace MonitoringCenter.Tests.Wall;

/// <summary>The national wall in a real Chromium, served by the real app on a loopback port.</summary>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class WallPageTests(DemoDatabase demo, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private RunningApp _app = default!;

    public Task InitializeAsync()
    {
        _app = RunningApp.Start(demo.Database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Wall2025_ShowsThePublishedFigures()
    {
        var page = await browser.NewWallPageAsync(_app);
        var response = await page.GotoAsync(_app.Url("/wall?year=2025&asOf=2025-09-30").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal("576.884 việc", Normalize(await page.Locator("#tile-cases .value").InnerTextAsync()));
        Assert.Contains("84,27%", await page.Locator("#tile-cases .rate").InnerTextAsync());
        Assert.Equal("150.060 tỷ đồng", Normalize(await page.Locator("#tile-money .value").InnerTextAsync()));
        Assert.Contains("56,62%", await page.Locator("#tile-money .rate").InnerTextAsync());
        Assert.Equal("27.416 tỷ đồng", Normalize(await page.Locator("#tile-corruption .value").InnerTextAsync()));
        Assert.Equal("6.484 việc xong", Normalize(await page.Locator("#tile-credit .value").InnerTextAsync()));
        Assert.Contains("36.904 tỷ đồng", await page.Locator("#tile-credit .rate").InnerTextAsync());
        Assert.Equal("868 / 2.105 bản án", Normalize(await page.Locator("#tile-administrative .value").InnerTextAsync()));
        Assert.Contains("Số liệu đến ngày 30/09/2025", Normalize(await page.Locator("#data-as-of").InnerTextAsync()));
        Assert.Contains("+33.529 tỷ đồng", await page.Locator("#tile-money .compare").InnerTextAsync());
        // Legible from across the room: the headline figures are big.
        var fontSize = await page.Locator("#tile-cases .value").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(fontSize.Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 48, fontSize);
        // Everything fits on one 1920x1080 screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("wall-2025.png") });
    }

    [Theory]
    // A month into the year every rate is under 10%: no bar has room for its label.
    [InlineData("2024-10-31", true)]
    [InlineData("2025-09-30", false)]
    public async Task RankingLabels_StandAfterShortBars_LightOnThePanel_AndInsideLongOnes_DarkOnTheColour(string asOf, bool outside)
    {
        var page = await browser.NewWallPageAsync(_app);
        await page.GotoAsync(_app.Url($"/wall?year=2025&asOf={asOf}").ToString());
        await page.Locator("#chart-ranking .apexcharts-datalabel").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        // Each column's labels and bars, top to bottom: where each label sits against its bar's end, and its colour.
        // Waited for, since the bars grow into place.
        await page.WaitForFunctionAsync("""
            ([outside, light, dark]) => {
              const labels = [...document.querySelectorAll('#chart-ranking .apexcharts-canvas')].flatMap(chart => {
                const bars = [...chart.querySelectorAll('.apexcharts-bar-area')].map(b => b.getBoundingClientRect()).sort((a, b) => a.top - b.top);
                return [...chart.querySelectorAll('.apexcharts-datalabel')]
                  .map(l => ({ box: l.getBoundingClientRect(), fill: getComputedStyle(l).fill })).sort((a, b) => a.box.top - b.box.top)
                  .map((l, i) => bars[i] && (outside ? l.box.left >= bars[i].right - 2 : l.box.right <= bars[i].right + 2)
                    && l.fill === (outside ? light : dark));
              });
              return labels.length === 34 && labels.every(ok => ok);
            }
            """, new object[] { outside, "rgb(232, 238, 248)", "rgb(11, 18, 32)" }, new PageWaitForFunctionOptions { Timeout = 10_000 });
    }

    [Fact]
    public async Task Wall_BadQuery_ExplainsItselfInsteadOfAnErrorPage()
    {
        var page = await browser.NewWallPageAsync(_app);
        var response = await page.GotoAsync(_app.Url("/wall?year=2025&asOf=30-09-2025").ToString());

        Assert.Equal(400, response!.Status);
        Assert.Contains("không hợp lệ", await page.Locator("#wall-problem").InnerTextAsync());
        Assert.Contains("asOf=2025-09-30", await page.Locator("#wall-problem").InnerTextAsync());
    }

    private static string Normalize(string text) => string.Join(" ", text.Split((char[])[' ', '\n', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
}

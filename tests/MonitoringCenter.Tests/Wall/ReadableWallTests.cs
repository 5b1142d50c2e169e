using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MonitoringCenter.Tests.Wall;

/// <summary>
/// Every wall view, in a real Chromium at a laptop's, a 1080p and a 4K screen's size: it fits (no
/// scrollbar, no clipped panel) and its text is readable from the back of the room (nothing under
/// 1/60 of the viewport height; a chart's axis ticks not under 1/80).
/// </summary>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class ReadableWallTests(DemoDatabase demo, Browser browser, ITestOutputHelper output) : IClassFixture<Browser>, IAsyncLifetime
{
    private RunningApp _app = default!;

    public Task InitializeAsync()
    {
        _app = RunningApp.Start(demo.Database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("wall", "/wall?year=2025&asOf=2025-09-30", 1366, 768)]
    [InlineData("wall", "/wall?year=2025&asOf=2025-09-30", 1920, 1080)]
    [InlineData("wall", "/wall?year=2025&asOf=2025-09-30", 3840, 2160)]
    [InlineData("wall-map-money", "/wall?year=2025&asOf=2025-09-30&map=money", 1366, 768)]
    [InlineData("wall-map-money", "/wall?year=2025&asOf=2025-09-30&map=money", 1920, 1080)]
    [InlineData("wall-map-money", "/wall?year=2025&asOf=2025-09-30&map=money", 3840, 2160)]
    [InlineData("wall-map-case-pace", "/wall?year=2025&asOf=2025-09-30&map=case-pace", 1920, 1080)]
    [InlineData("provinces", "/wall/provinces?year=2025&asOf=2025-09-30", 1366, 768)]
    [InlineData("provinces", "/wall/provinces?year=2025&asOf=2025-09-30", 1920, 1080)]
    [InlineData("provinces", "/wall/provinces?year=2025&asOf=2025-09-30", 3840, 2160)]
    [InlineData("province-79", "/wall/provinces/79?year=2025&asOf=2025-09-30", 1366, 768)]
    [InlineData("province-79", "/wall/provinces/79?year=2025&asOf=2025-09-30", 1920, 1080)]
    [InlineData("province-79", "/wall/provinces/79?year=2025&asOf=2025-09-30", 3840, 2160)]
    [InlineData("watch", "/wall/watch?year=2025&asOf=2025-09-30", 1366, 768)]
    [InlineData("watch", "/wall/watch?year=2025&asOf=2025-09-30", 1920, 1080)]
    [InlineData("watch", "/wall/watch?year=2025&asOf=2025-09-30", 3840, 2160)]
    [InlineData("watch-79", "/wall/watch/79?year=2025&asOf=2025-09-30", 1366, 768)]
    [InlineData("watch-79", "/wall/watch/79?year=2025&asOf=2025-09-30", 1920, 1080)]
    [InlineData("watch-79", "/wall/watch/79?year=2025&asOf=2025-09-30", 3840, 2160)]
    public async Task WallView_FitsTheScreen_AndNoTextIsUnderTheFloor(string name, string path, int width, int height)
    {
        var page = await browser.NewWallPageAsync(_app, session: null, width, height);
        var response = await page.GotoAsync(_app.Url(path).ToString());
        Assert.Equal(200, response!.Status);
        await WaitUntilDrawnAsync(page);

        var measured = JsonDocument.Parse(await page.EvaluateAsync<string>(MeasureScript)).RootElement;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath($"readable-{name}-{width}x{height}.png") });
        var floor = Math.Floor(height / 60.0);
        var tickFloor = height / 80.0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} {width}x{height}: smallest text {measured.GetProperty("minText").GetDouble():0.##}px ({measured.GetProperty("minTextAt").GetString()}), " +
            $"smallest tick {measured.GetProperty("minTick").GetDouble():0.##}px, {measured.GetProperty("texts").GetInt32()} text nodes"));

        Assert.True(measured.GetProperty("scrollWidth").GetInt32() <= width && measured.GetProperty("scrollHeight").GetInt32() <= height,
            $"scrollbars: the page is {measured.GetProperty("scrollWidth")}x{measured.GetProperty("scrollHeight")} in a {width}x{height} window");
        var clipped = measured.GetProperty("clipped").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(clipped.Count == 0, $"clipped at {width}x{height}:\n{string.Join('\n', clipped)}");
        // The wall font, served by the app, is the one drawn (its latin and its vietnamese part).
        Assert.True(measured.GetProperty("wallFonts").GetInt32() >= 2, $"Be Vietnam Pro faces loaded: {measured.GetProperty("wallFonts")}");
        var small = measured.GetProperty("texts").GetInt32() > 0 ? Offenders(measured, floor, tickFloor) : ["no text measured"];
        Assert.True(small.Count == 0,
            string.Create(CultureInfo.InvariantCulture, $"{small.Count} text(s) under {floor}px (ticks {tickFloor:0.##}px) at {width}x{height}:\n{string.Join('\n', small.Take(40))}"));
    }

    private static List<string> Offenders(JsonElement measured, double floor, double tickFloor) =>
        measured.GetProperty("sizes").EnumerateArray()
            .Where(t => t.GetProperty("size").GetDouble() + 0.01 < (t.GetProperty("tick").GetBoolean() ? tickFloor : floor))
            .Select(t => string.Create(CultureInfo.InvariantCulture,
                $"{t.GetProperty("size").GetDouble():0.##}px{(t.GetProperty("tick").GetBoolean() ? " (tick)" : "")} {t.GetProperty("at").GetString()} \"{t.GetProperty("text").GetString()}\""))
            .ToList();

    private static async Task WaitUntilDrawnAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.fonts.ready");
        if (await page.Locator("#chart-ranking").CountAsync() > 0)
        {
            await page.Locator("#chart-ranking .apexcharts-datalabel").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await page.Locator("#chart-trend .apexcharts-legend-text").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        await page.Locator("#connection-state.connected").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // The charts' entry animation (400 ms) and a font swap settle.
        await page.WaitForTimeoutAsync(1500);
        await page.EvaluateAsync("() => document.fonts.ready");
    }

    // Every visible text node with its rendered size (an SVG's scale included); the panels that do not
    // fit in the window or whose content overflows them; the page's scroll size.
    private const string MeasureScript = """
        () => {
          const ticks = "#chart-trend .apexcharts-xaxis-label, #chart-trend .apexcharts-yaxis-label, [id^=chart-ranking] .apexcharts-xaxis-label, .trend-chart text.axis";
          const describe = e => {
            const parts = [];
            for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) {
              const cls = typeof n.className === "string" ? n.className : n.getAttribute("class") || "";
              parts.unshift(n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (cls ? "." + cls.trim().split(/\s+/).slice(0, 2).join(".") : ""));
            }
            return parts.join(" > ");
          };
          const sizes = [];
          let minText = Infinity, minTextAt = "", minTick = Infinity;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = node.textContent.replace(/\s+/g, " ").trim();
            const element = node.parentElement;
            if (!text || !element || element.closest("script, style, template, title, noscript")) continue;
            if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const rect = range.getBoundingClientRect();
            if (rect.width === 0 || rect.height === 0) continue;
            let size = parseFloat(getComputedStyle(element).fontSize);
            if (element instanceof SVGGraphicsElement && element.getScreenCTM()) {
              const m = element.getScreenCTM();
              size *= Math.hypot(m.a, m.b);
            }
            const tick = element.closest("text") !== null && element.closest("text").matches(ticks);
            if (tick) { minTick = Math.min(minTick, size); }
            else if (size < minText) { minText = size; minTextAt = describe(element) + " \"" + text.slice(0, 30) + "\""; }
            sizes.push({ size, tick, text: text.slice(0, 40), at: describe(element) });
          }
          const clipped = [];
          const panels = ".tile, table, .chart-panel, .ticker, .pace-card, .trend-chart, .unit-table-wrap, #province-categories, .province-side, .province-offices, .wall-header, .watch-panel";
          for (const e of document.querySelectorAll(panels)) {
            if (!e.checkVisibility()) continue;
            const r = e.getBoundingClientRect();
            if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
              clipped.push(describe(e) + " outside the window: " + [r.left, r.top, r.right, r.bottom].map(Math.round).join(","));
            }
            if (e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0 || e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) {
              clipped.push(describe(e) + " overflows: content " + e.scrollWidth + "x" + e.scrollHeight + " in " + e.clientWidth + "x" + e.clientHeight);
            }
          }
          const root = document.documentElement;
          const wallFonts = [...document.fonts].filter(f => f.family.replace(/"/g, "") === "Be Vietnam Pro" && f.status === "loaded").length;
          return JSON.stringify({
            scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth), scrollHeight: Math.max(root.scrollHeight, document.body.scrollHeight),
            texts: sizes.length, wallFonts, minText: minText === Infinity ? 0 : minText, minTextAt, minTick: minTick === Infinity ? 0 : minTick, sizes, clipped });
        }
        """;
}

using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Provinces;

namespace MonitoringCenter.Tests.Provinces;

[Trait("Category", "Unit")]
public sealed class ProvinceTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(7));

    internal static async Task<IDocument> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new HtmlParser().ParseDocument(html);
    }

    private static string Text(IElement? element) =>
        string.Join(" ", (element?.TextContent ?? throw new Xunit.Sdk.XunitException("element missing")).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static UnitProgress Unit(string code, string name, decimal caseRate, decimal expected, PaceStatus status, int rank, int? previousRank,
        bool stale = false, long gap = 0) =>
        new(code, name, new Indicators(1000, 800, (long)(caseRate * 800), 0, 1_000_000_000_000, 300_000_000_000), null,
            new PaceResult(caseRate, 0.8450m, expected, 3, 0.80m, gap, 100, 2m, 200, PaceModel.LastYearCurve),
            new PaceResult(0.30m, 0.53m, 0.29m, 0, 0.55m, 0, 0, null, 200, PaceModel.LastYearCurve),
            status, rank, previousRank, [0.1m, 0.2m, 0.3m], [0.1m, 0.22m, 0.33m], Now.AddDays(-2), stale);

    private static ProvinceBoard Board() => new(2026, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1),
    [
        Unit("11", "Điện Biên", 0.40m, 0.43m, PaceStatus.Lagging, 34, 30, gap: 24),
        Unit("96", "Cà Mau", 0.45m, 0.44m, PaceStatus.OnPace, 1, 1),
        Unit("12", "Lai Châu", 0.42m, 0.42m, PaceStatus.OnPace, 20, 22, stale: true),
    ], Now);

    [Fact]
    public async Task Rows_ShowRatesTargetsPaceGapRankAndStatus_InTheOrderGiven()
    {
        var page = await RenderAsync<ProvinceTable>(new() { ["Board"] = Board(), ["Query"] = "?year=2026" });

        var rows = page.QuerySelectorAll("#province-table tbody tr");
        Assert.Equal(["11", "96", "12"], rows.Select(r => r.GetAttribute("data-code")));
        var dienBien = rows[0];
        Assert.Equal("40,00%", Text(dienBien.QuerySelector(".case-rate")));
        Assert.Equal("84,50%", Text(dienBien.QuerySelector(".case-target")));
        Assert.Equal("−3,00 điểm %", Text(dienBien.QuerySelector(".case-pace")));
        Assert.Equal("24 việc", Text(dienBien.QuerySelector(".case-gap")));
        Assert.Equal("34 ▼4", Text(dienBien.QuerySelector(".rank")));
        Assert.Equal("Chậm nhiều", Text(dienBien.QuerySelector(".status")));
        Assert.Contains("status-lagging", dienBien.ClassList);
        Assert.Equal("/wall/provinces/11?year=2026", dienBien.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("=", Text(rows[1].QuerySelector(".rank-change")));
        Assert.NotNull(dienBien.QuerySelector(".trend svg polyline.actual"));
    }

    [Fact]
    public async Task ProvinceWithoutRecentData_SaysSinceWhenInsteadOfAStatus()
    {
        var page = await RenderAsync<ProvinceTable>(new() { ["Board"] = Board() });

        var laiChau = page.QuerySelector("#province-table tr[data-code='12']")!;
        Assert.Equal("chưa có số liệu từ 09:00 27/02/2026", Text(laiChau.QuerySelector(".status")));
        Assert.Contains("status-stale", laiChau.ClassList);
    }

    [Fact]
    public async Task Ticker_ListsAlertsInTheGivenOrder_AndCountsTheRest()
    {
        AlertView Alert(long id, AlertSeverity severity, string where, AlertState state = AlertState.Firing) =>
            new(id, AlertRules.BehindPaceCases, "01", where, severity, state, "Tỷ lệ việc chậm", 2m, 1.5m, Now, Now, null,
                state == AlertState.Acknowledged ? "An" : null, null, null, null, null, Now);
        var model = new AlertTickerModel([Alert(2, AlertSeverity.Critical, "Điện Biên"), Alert(1, AlertSeverity.Warning, "Huế", AlertState.Acknowledged)], 5, Now);

        var page = await RenderAsync<AlertTicker>(new() { ["Model"] = model });

        var items = page.QuerySelectorAll("#alert-ticker .ticker-item");
        Assert.Equal(["2", "1"], items.Select(i => i.GetAttribute("data-alert-id")));
        Assert.Contains("critical", items[0].ClassList);
        Assert.Equal("Điện Biên", Text(items[0].QuerySelector(".where")));
        Assert.Contains("đã tiếp nhận: An", Text(items[1]), StringComparison.Ordinal);
        Assert.Equal("+3 cảnh báo khác", Text(page.QuerySelector(".ticker-more")));
    }

    [Fact]
    public async Task Ticker_WithoutAlerts_SaysSo()
    {
        var page = await RenderAsync<AlertTicker>(new() { ["Model"] = new AlertTickerModel([], 0, Now) });

        Assert.Equal("Không có cảnh báo nào đang hoạt động.", Text(page.QuerySelector("#alert-ticker .ticker-empty")));
    }

    [Fact]
    public async Task Interruption_IsHiddenWithoutANewCriticalAlert_AndShownWithOne()
    {
        var none = await RenderAsync<AlertInterruption>(new() { ["Model"] = new AlertInterruptionModel(null) });
        var alert = new AlertView(9, AlertRules.NoData, "11", "Điện Biên", AlertSeverity.Critical, AlertState.Firing, "Chưa có số liệu từ 09:00 27/02/2026",
            72m, 24m, Now, Now, null, null, null, null, null, null, Now);
        var one = await RenderAsync<AlertInterruption>(new() { ["Model"] = new AlertInterruptionModel(alert) });
        var optedOut = await RenderAsync<AlertInterruption>(new() { ["Model"] = new AlertInterruptionModel(alert), ["Enabled"] = false });

        Assert.True(none.QuerySelector("#alert-interruption")!.HasAttribute("hidden"));
        Assert.False(one.QuerySelector("#alert-interruption")!.HasAttribute("hidden"));
        Assert.Equal("Điện Biên: Không nhận được số liệu", Text(one.QuerySelector("#alert-interruption h2")));
        Assert.True(optedOut.QuerySelector("#alert-interruption")!.HasAttribute("hidden"));
    }
}

using Bunit;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>The wall's alert ticker and its full-screen interruption.</summary>
[Trait("Category", "Unit")]
public sealed class AlertTickerTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(7));

    private static AlertView Alert(long id, AlertSeverity severity, string where, AlertState state = AlertState.Firing) =>
        new(id, AlertRules.BehindPaceCases, "01", where, severity, state, "Tỷ lệ việc chậm", 2m, 1.5m, Now, Now, null,
            state == AlertState.Acknowledged ? "An" : null, null, null, null, null, Now);

    [Fact]
    public void Ticker_ListsAlertsInTheGivenOrder_AndCountsTheRest()
    {
        var model = new AlertTickerModel([Alert(2, AlertSeverity.Critical, "Điện Biên"), Alert(1, AlertSeverity.Warning, "Huế", AlertState.Acknowledged)], 5, Now);

        var ticker = Render<AlertTicker>(ps => ps.Add(p => p.Model, model));

        var items = ticker.FindAll("#alert-ticker .ticker-item");
        Assert.Equal(["2", "1"], items.Select(i => i.GetAttribute("data-alert-id")));
        Assert.Contains("critical", items[0].ClassList);
        Assert.Equal("Điện Biên", Fragment.Text(items[0].QuerySelector(".where")));
        Assert.Contains("acknowledged", items[1].ClassList);
        Assert.Contains("đã tiếp nhận: An", Fragment.Text(items[1]), StringComparison.Ordinal);
        Assert.Equal("5", Fragment.Text(ticker.Find(".ticker-label .count")));
        Assert.Equal("+3 cảnh báo khác", Fragment.Text(ticker.Find(".ticker-more")));
    }

    [Fact]
    public void Ticker_WithoutAlerts_SaysSoAndCountsZero()
    {
        var ticker = Render<AlertTicker>(ps => ps.Add(p => p.Model, new AlertTickerModel([], 0, Now)));

        ticker.Find(".ticker-label").MarkupMatches("""<h2 class="ticker-label">Cảnh báo <span class="count">0</span></h2>""");
        ticker.Find(".ticker-empty").MarkupMatches("""<p class="ticker-empty">Không có cảnh báo nào đang hoạt động.</p>""");
        Assert.Empty(ticker.FindAll(".ticker-item"));
    }

    [Fact]
    public void Interruption_IsHiddenWithoutANewCriticalAlert_AndShownWithOne()
    {
        var alert = new AlertView(9, AlertRules.NoData, "11", "Điện Biên", AlertSeverity.Critical, AlertState.Firing, "Chưa có số liệu từ 09:00 27/02/2026",
            72m, 24m, Now, Now, null, null, null, null, null, null, Now);

        var none = Render<AlertInterruption>(ps => ps.Add(p => p.Model, new AlertInterruptionModel(null)));
        var one = Render<AlertInterruption>(ps => ps.Add(p => p.Model, new AlertInterruptionModel(alert)));
        var optedOut = Render<AlertInterruption>(ps => ps.Add(p => p.Model, new AlertInterruptionModel(alert)).Add(p => p.Enabled, false));

        Assert.True(none.Find("#alert-interruption").HasAttribute("hidden"));
        Assert.False(one.Find("#alert-interruption").HasAttribute("hidden"));
        Assert.Equal("Điện Biên: Không nhận được số liệu", Fragment.Text(one.Find("#alert-interruption h2")));
        Assert.True(optedOut.Find("#alert-interruption").HasAttribute("hidden"));
    }
}

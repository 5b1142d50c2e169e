using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Wall;

/// <summary>Everything one wall view shows, read once from the read models.</summary>
public sealed record WallViewModel(WallView View, StatisticalYear Year, NationalSnapshot Snapshot, WallCharts Charts,
    AlertTickerModel Ticker, AlertInterruptionModel Interruption, ProvinceMapModel Map);

/// <summary>Loads a wall view (the page's first render and every push use this) and names its fragments.</summary>
public sealed class WallViewLoader(WallQueries wall, ChartQueries charts, AlertQueries alerts, ProvinceQueries provinces, Clock clock, IOptions<AlertOptions> alertOptions)
{
    public async Task<ScreenContent> LoadAsync(WallView view, CancellationToken cancellationToken = default)
    {
        var (year, asOf) = clock.Resolve(view.Period);
        var snapshot = await wall.NationalAsync(year.Year, asOf, cancellationToken);
        var chartData = await charts.WallAsync(year.Year, snapshot.AsOf ?? snapshot.RequestedAsOf, snapshot.CaseTarget, snapshot.MoneyTarget, cancellationToken);
        // Before the year's last day the tiles compare with the trajectory, as the trend chart does.
        if (snapshot.AsOf is { } day && day < year.End && chartData.Trend.CaseTarget.Length > 0)
        {
            snapshot = snapshot with { CaseExpected = chartData.Trend.CaseTarget[^1] / 100, MoneyExpected = chartData.Trend.MoneyTarget[^1] / 100 };
        }
        var ticker = await alerts.TickerAsync(cancellationToken: cancellationToken);
        // The map takes the ranking's statuses, so a province has the same colour on both.
        var status = chartData.Ranking.Codes.Zip(chartData.Ranking.Status).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        // Another indicator reads the provinces' board (pace, last year), only for the views that show one.
        var board = view.Map.NeedsBoard
            ? (await provinces.BoardAsync(year.Year, asOf, ProvinceOrder.Code, cancellationToken)).Provinces.ToDictionary(p => p.Code, StringComparer.Ordinal)
            : null;
        var map = ProvinceTileMap.Map(view.Map, status, await alerts.ActiveByProvinceAsync(cancellationToken), board);
        var model = new WallViewModel(view, year, snapshot, chartData, ticker, AlertQueries.Interruption(ticker, alertOptions.Value.Interruption.ShowFor), map);
        return new ScreenContent(Fragments(model), chartData, model);
    }

    /// <summary>The view's fragments by element id: the page renders exactly these, and a push sends them.</summary>
    private List<ScreenFragment> Fragments(WallViewModel model) =>
    [
        ScreenFragment.Of<KpiTiles>("kpi-tiles", (nameof(KpiTiles.Snapshot), model.Snapshot)),
        ScreenFragment.Of<DataAsOf>("data-as-of", (nameof(DataAsOf.Snapshot), model.Snapshot)),
        ScreenFragment.Of<ProvinceMap>("province-map", (nameof(ProvinceMap.Id), "province-map"), (nameof(ProvinceMap.Map), model.Map),
            (nameof(ProvinceMap.Query), model.View.Period.Query)),
        ScreenFragment.Of<AlertTicker>("alert-ticker", (nameof(AlertTicker.Model), model.Ticker)),
        ScreenFragment.Of<AlertInterruption>("alert-interruption",
            (nameof(AlertInterruption.Model), model.Interruption), (nameof(AlertInterruption.Enabled), alertOptions.Value.Interruption.Enabled)),
    ];
}

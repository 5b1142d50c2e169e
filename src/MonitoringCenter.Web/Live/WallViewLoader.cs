using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Components.Fragments;
using MonitoringCenter.Web.Data;
using MonitoringCenter.Web.Data.Queries;
using MonitoringCenter.Web.Hubs;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Live;

/// <summary>Everything one wall view shows, read once from the read models.</summary>
public sealed record WallViewModel(WallView View, NationalSnapshot Snapshot, WallCharts Charts, AlertTickerModel Ticker, AlertInterruptionModel Interruption);

/// <summary>Loads a wall view (the page's first render and every push use this) and renders its fragments.</summary>
public sealed class WallViewLoader(WallQueries wall, ChartQueries charts, AlertQueries alerts, Clock clock, FragmentRenderer renderer,
    Microsoft.Extensions.Options.IOptions<Configuration.AlertOptions> alertOptions)
{
    public async Task<WallViewModel> LoadAsync(WallView view, CancellationToken cancellationToken = default)
    {
        var (year, asOf) = view.Resolve(clock);
        var snapshot = await wall.NationalAsync(year.Year, asOf, cancellationToken);
        var chartData = await charts.WallAsync(year.Year, snapshot.AsOf ?? snapshot.RequestedAsOf, snapshot.CaseTarget, snapshot.MoneyTarget, cancellationToken);
        // Before the year's last day the tiles compare with the trajectory, as the trend chart does.
        if (snapshot.AsOf is { } day && day < year.End && chartData.Trend.CaseTarget.Length > 0)
        {
            snapshot = snapshot with { CaseExpected = chartData.Trend.CaseTarget[^1] / 100, MoneyExpected = chartData.Trend.MoneyTarget[^1] / 100 };
        }
        var ticker = await alerts.TickerAsync(cancellationToken: cancellationToken);
        var interruption = alerts.Interruption(ticker);
        return new WallViewModel(view, snapshot, chartData, ticker, interruption);
    }

    /// <summary>The view's fragments by element id: exactly the markup the page renders for them.</summary>
    public async Task<Dictionary<string, string>> RenderFragmentsAsync(WallViewModel model) => new(StringComparer.Ordinal)
    {
        ["kpi-tiles"] = await renderer.RenderAsync<KpiTiles>(new Dictionary<string, object?> { [nameof(KpiTiles.Snapshot)] = model.Snapshot }),
        ["data-as-of"] = await renderer.RenderAsync<DataAsOf>(new Dictionary<string, object?> { [nameof(DataAsOf.Snapshot)] = model.Snapshot }),
        ["alert-ticker"] = await renderer.RenderAsync<AlertTicker>(new Dictionary<string, object?> { [nameof(AlertTicker.Model)] = model.Ticker }),
        ["alert-interruption"] = await renderer.RenderAsync<AlertInterruption>(new Dictionary<string, object?>
        {
            [nameof(AlertInterruption.Model)] = model.Interruption,
            [nameof(AlertInterruption.Enabled)] = alertOptions.Value.Interruption.Enabled,
        }),
    };
}

using MonitoringCenter.Web.Components.Fragments;
using MonitoringCenter.Web.Data;
using MonitoringCenter.Web.Data.Queries;
using MonitoringCenter.Web.Hubs;
using ProvinceTrendChart = MonitoringCenter.Web.Components.Fragments.TrendChart;

namespace MonitoringCenter.Web.Live;

/// <summary>
/// Something screens can join: its key is the SignalR group, and it renders its fragments (ready
/// HTML by element id, from the same components as its page) from one load of the read models.
/// </summary>
public interface IScreenView
{
    string Key { get; }

    Task<RenderedView> RenderAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public sealed record RenderedView(Dictionary<string, string> Fragments, WallCharts? Charts);

public static class ScreenViews
{
    /// <summary>Reads a key a screen sent; null when it names no view.</summary>
    public static IScreenView? Parse(string? key) => key switch
    {
        null => null,
        _ when key.StartsWith("wall", StringComparison.Ordinal) => WallView.Parse(key),
        "provinces" => new ProvincesView(ProvinceOrder.WorstFirst),
        "provinces?sort=rank" => new ProvincesView(ProvinceOrder.Rank),
        "provinces?sort=code" => new ProvincesView(ProvinceOrder.Code),
        _ when key.StartsWith("province/", StringComparison.Ordinal) && key.Length <= "province/".Length + 8
            && ReferenceData.Provinces.Any(p => p.Code == key["province/".Length..]) => new ProvinceView(key["province/".Length..]),
        _ => null,
    };
}

/// <summary>The live 34-province table (the running year, up to today).</summary>
public sealed record ProvincesView(ProvinceOrder Order) : IScreenView
{
    public string Key => Order switch { ProvinceOrder.Rank => "provinces?sort=rank", ProvinceOrder.Code => "provinces?sort=code", _ => "provinces" };

    public async Task<RenderedView> RenderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var clock = services.GetRequiredService<Clock>();
        var board = await services.GetRequiredService<ProvinceQueries>().BoardAsync(clock.CurrentYear.Year, clock.Today, Order, cancellationToken);
        var renderer = services.GetRequiredService<FragmentRenderer>();
        return new RenderedView(new(StringComparer.Ordinal)
        {
            ["province-table"] = await renderer.RenderAsync<ProvinceTable>(new Dictionary<string, object?> { [nameof(ProvinceTable.Board)] = board }),
        }, null);
    }
}

/// <summary>One province's live page: its offices, pace, trends, categories and alerts.</summary>
public sealed record ProvinceView(string Code) : IScreenView
{
    public string Key => "province/" + Code;

    public async Task<RenderedView> RenderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var clock = services.GetRequiredService<Clock>();
        var detail = await services.GetRequiredService<ProvinceQueries>().DetailAsync(Code, clock.CurrentYear.Year, clock.Today, cancellationToken);
        var alerts = await services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.All, subject: Code, limit: 6, cancellationToken: cancellationToken);
        var renderer = services.GetRequiredService<FragmentRenderer>();
        if (detail is null)
        {
            return new RenderedView([], null);
        }
        return new RenderedView(new(StringComparer.Ordinal)
        {
            ["office-table"] = await renderer.RenderAsync<OfficeTable>(new Dictionary<string, object?> { [nameof(OfficeTable.Offices)] = detail.Offices }),
            ["province-pace"] = await renderer.RenderAsync<ProvincePace>(new Dictionary<string, object?> { [nameof(ProvincePace.Unit)] = detail.Province }),
            ["trend-cases"] = await renderer.RenderAsync<ProvinceTrendChart>(new Dictionary<string, object?>
            {
                [nameof(ProvinceTrendChart.Id)] = "trend-cases", [nameof(ProvinceTrendChart.Title)] = "Tỷ lệ việc lũy kế",
                [nameof(ProvinceTrendChart.Points)] = detail.CaseTrend, [nameof(ProvinceTrendChart.Target)] = detail.Province.Cases.Target,
            }),
            ["trend-money"] = await renderer.RenderAsync<ProvinceTrendChart>(new Dictionary<string, object?>
            {
                [nameof(ProvinceTrendChart.Id)] = "trend-money", [nameof(ProvinceTrendChart.Title)] = "Tỷ lệ tiền lũy kế",
                [nameof(ProvinceTrendChart.Points)] = detail.MoneyTrend, [nameof(ProvinceTrendChart.Target)] = detail.Province.Money.Target,
            }),
            ["province-categories"] = await renderer.RenderAsync<ProvinceCategories>(new Dictionary<string, object?>
            {
                [nameof(ProvinceCategories.Categories)] = detail.Categories, [nameof(ProvinceCategories.LastYear)] = detail.LastYearCategories,
            }),
            ["province-alerts"] = await renderer.RenderAsync<AlertList>(new Dictionary<string, object?>
            {
                [nameof(AlertList.Id)] = "province-alerts", [nameof(AlertList.Alerts)] = alerts,
                [nameof(AlertList.Empty)] = "Không có cảnh báo nào về tỉnh, thành phố này.",
            }),
        }, null);
    }
}

using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Provinces;

/// <summary>The 34-province table in an order, for a period (key <c>provinces[?sort=…][&amp;year=…&amp;asOf=…]</c>).</summary>
public sealed record ProvincesView(ProvinceOrder Order, ReportingPeriod Period) : IScreenView
{
    public const string Path = "provinces";

    public string Key => Path + Query;

    /// <summary>The page's query string for this view (sort, then period).</summary>
    public string Query
    {
        get
        {
            var sort = SortName(Order);
            var period = Period.Query;
            return sort is null ? period : period.Length == 0 ? "?sort=" + sort : period + "&sort=" + sort;
        }
    }

    private static string? SortName(ProvinceOrder order) => order switch { ProvinceOrder.Rank => "rank", ProvinceOrder.Code => "code", _ => null };

    public static ProvinceOrder ReadSort(string? sort) => sort switch { "rank" => ProvinceOrder.Rank, "code" => ProvinceOrder.Code, _ => ProvinceOrder.WorstFirst };

    public async Task<ScreenContent> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (year, asOf) = services.GetRequiredService<Clock>().Resolve(Period);
        var board = await services.GetRequiredService<ProvinceQueries>().BoardAsync(year.Year, asOf, Order, cancellationToken);
        return new ScreenContent(
            [ScreenFragment.Of<ProvinceTable>("province-table", (nameof(ProvinceTable.Board), board), (nameof(ProvinceTable.Query), Period.Query))],
            Model: board);
    }
}

using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Directives;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;
using MonitoringCenter.Web.Watch;

namespace MonitoringCenter.Web.Provinces;

/// <summary>One province's page: its offices, pace, trends, categories, watch lists, alerts and open directives (key <c>province/79[?year=…&amp;asOf=…]</c>).</summary>
public sealed record ProvinceView(string Code, ReportingPeriod Period) : IScreenView
{
    public const string Path = "province";

    public string Key => Path + "/" + Code + Period.Query;

    /// <summary>The page's model: the province (null when the code names none) and its latest alerts.</summary>
    public sealed record Content(ProvinceDetail? Detail, IReadOnlyList<AlertView> Alerts);

    public async Task<ScreenContent> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (year, asOf) = services.GetRequiredService<Clock>().Resolve(Period);
        // The watch section reads the case rows, the rest the read model: on a connection of its own it runs beside them.
        var watchTask = ReferenceData.Provinces.Any(p => p.Code == Code)
            ? services.GetRequiredService<WatchQueries>().ProvinceAsync(year, asOf, Code, cancellationToken)
            : null;
        var detail = await services.GetRequiredService<ProvinceQueries>().DetailAsync(Code, year.Year, asOf, cancellationToken);
        if (detail is null || watchTask is null)
        {
            if (watchTask is not null)
            {
                await watchTask;
            }
            return new ScreenContent([], Model: new Content(null, []));
        }
        var alerts = await services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.All, subject: Code, limit: 6, cancellationToken: cancellationToken);
        // The open directives, soonest due (so the overdue) first; the wall has room for three.
        var directiveQueries = services.GetRequiredService<DirectiveQueries>();
        var directives = await directiveQueries.ListAsync(DirectiveBucket.Open, Code, limit: 3, cancellationToken: cancellationToken);
        var openDirectives = directives.Count < 3 ? directives.Count : (await directiveQueries.CountsAsync(Code, cancellationToken)).Open;
        var watch = await watchTask;
        return new ScreenContent(
        [
            ScreenFragment.Of<OfficeTable>("office-table", (nameof(OfficeTable.Offices), detail.Offices)),
            ScreenFragment.Of<ProvincePace>("province-pace", (nameof(ProvincePace.Unit), detail.Province)),
            ScreenFragment.Of<TrendChart>("trend-cases", (nameof(TrendChart.Id), "trend-cases"), (nameof(TrendChart.Title), "Tỷ lệ việc lũy kế"),
                (nameof(TrendChart.Points), detail.CaseTrend), (nameof(TrendChart.Target), detail.Province.Cases.Target)),
            ScreenFragment.Of<TrendChart>("trend-money", (nameof(TrendChart.Id), "trend-money"), (nameof(TrendChart.Title), "Tỷ lệ tiền lũy kế"),
                (nameof(TrendChart.Points), detail.MoneyTrend), (nameof(TrendChart.Target), detail.Province.Money.Target)),
            ScreenFragment.Of<ProvinceCategories>("province-categories",
                (nameof(ProvinceCategories.Categories), detail.Categories), (nameof(ProvinceCategories.LastYear), detail.LastYearCategories)),
            ScreenFragment.Of<ProvinceWatch>("province-watch", (nameof(ProvinceWatch.Board), watch), (nameof(ProvinceWatch.Code), Code),
                (nameof(ProvinceWatch.Query), Period.Query)),
            ScreenFragment.Of<AlertList>("province-alerts", (nameof(AlertList.Id), "province-alerts"), (nameof(AlertList.Alerts), alerts),
                (nameof(AlertList.Empty), "Không có cảnh báo nào về tỉnh, thành phố này.")),
            ScreenFragment.Of<DirectiveList>("province-directives", (nameof(DirectiveList.Id), "province-directives"),
                (nameof(DirectiveList.Directives), directives), (nameof(DirectiveList.Total), openDirectives)),
        ], Model: new Content(detail, alerts));
    }
}

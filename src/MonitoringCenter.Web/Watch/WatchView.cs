using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Watch;

/// <summary>The four watch lists of the 34 provinces for a period (key <c>watch[?year=…&amp;asOf=…]</c>).</summary>
public sealed record WatchView(ReportingPeriod Period) : IScreenView
{
    public const string Path = "watch";

    public string Key => Path + Period.Query;

    public async Task<ScreenContent> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (year, asOf) = services.GetRequiredService<Clock>().Resolve(Period);
        var board = await services.GetRequiredService<WatchQueries>().ProvincesAsync(year.Year, asOf, cancellationToken);
        var top = services.GetRequiredService<IOptions<WatchOptions>>().Value.TopProvinces;
        return new ScreenContent(
            [ScreenFragment.Of<WatchLists>("watch-lists", (nameof(WatchLists.Board), board), (nameof(WatchLists.Top), top),
                (nameof(WatchLists.Query), Period.Query))],
            Model: board);
    }
}

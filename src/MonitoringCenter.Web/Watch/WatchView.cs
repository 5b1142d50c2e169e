using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Watch;

/// <summary>
/// The four watch lists for a period: of the 34 provinces (key <c>watch[?year=…&amp;asOf=…]</c>), or of
/// a province's offices when <paramref name="Province"/> is set (key <c>watch/79[?…]</c>).
/// </summary>
public sealed record WatchView(string? Province, ReportingPeriod Period) : IScreenView
{
    public const string Path = "watch";

    public string Key => (Province is null ? Path : Path + "/" + Province) + Period.Query;

    public async Task<ScreenContent> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (year, asOf) = services.GetRequiredService<Clock>().Resolve(Period);
        var queries = services.GetRequiredService<WatchQueries>();
        var board = Province is null
            ? await queries.ProvincesAsync(year, asOf, cancellationToken)
            : await queries.OfficesAsync(year, asOf, Province, cancellationToken);
        // A province has at most a few dozen offices; its page lists as many as the provinces page does.
        var top = services.GetRequiredService<IOptions<WatchOptions>>().Value.TopProvinces;
        return new ScreenContent(
            [ScreenFragment.Of<WatchLists>("watch-lists", (nameof(WatchLists.Board), board), (nameof(WatchLists.Top), top),
                (nameof(WatchLists.Query), Period.Query), (nameof(WatchLists.Offices), Province is not null))],
            Model: board);
    }
}

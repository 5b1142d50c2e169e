using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Wall;

internal sealed class WallViewFactory(Clock clock) : IScreenViewFactory
{
    public IScreenView? Parse(string key) =>
        ScreenKey.TryRead(key, WallView.Path, out var rest, out var query) && rest.Length == 0 && query.Keys.All(k => k is "year" or "asOf" or MapIndicator.QueryName)
            && ScreenKey.Period(query, clock.YearStartMonth) is { } period
            && MapIndicator.TryRead(query.GetValueOrDefault(MapIndicator.QueryName), out var map, out _)
            ? new WallView(period) { Map = map }
            : null;
}

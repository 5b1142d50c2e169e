using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Watch;

/// <summary>Reads the keys of the watch-list wall.</summary>
internal sealed class WatchViewFactory(Clock clock) : IScreenViewFactory
{
    public IScreenView? Parse(string key) =>
        ScreenKey.TryRead(key, WatchView.Path, out var rest, out var query) && rest.Length == 0
        && query.Keys.All(k => k is "year" or "asOf") && ScreenKey.Period(query, clock.YearStartMonth) is { } period
            ? new WatchView(period)
            : null;
}

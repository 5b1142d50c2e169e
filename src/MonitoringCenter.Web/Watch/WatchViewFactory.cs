using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Watch;

/// <summary>Reads the keys of the watch-list walls (national and per province).</summary>
internal sealed class WatchViewFactory(Clock clock) : IScreenViewFactory
{
    public IScreenView? Parse(string key) =>
        ScreenKey.TryRead(key, WatchView.Path, out var rest, out var query)
        && (rest.Length == 0 || ReferenceData.Provinces.Any(p => p.Code == rest))
        && query.Keys.All(k => k is "year" or "asOf") && ScreenKey.Period(query, clock.YearStartMonth) is { } period
            ? new WatchView(rest.Length == 0 ? null : rest, period)
            : null;
}

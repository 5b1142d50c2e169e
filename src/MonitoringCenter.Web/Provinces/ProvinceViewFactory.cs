using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Provinces;

/// <summary>Reads the keys of the province board and of a province's page.</summary>
internal sealed class ProvinceViewFactory(Clock clock) : IScreenViewFactory
{
    public IScreenView? Parse(string key)
    {
        if (ScreenKey.TryRead(key, ProvincesView.Path, out var rest, out var query) && rest.Length == 0
            && query.Keys.All(k => k is "year" or "asOf" or "sort") && ScreenKey.Period(query, clock.YearStartMonth) is { } period)
        {
            return new ProvincesView(ProvincesView.ReadSort(query.GetValueOrDefault("sort")), period);
        }
        if (ScreenKey.TryRead(key, ProvinceView.Path, out var code, out query) && query.Keys.All(k => k is "year" or "asOf")
            && ReferenceData.Provinces.Any(p => p.Code == code) && ScreenKey.Period(query, clock.YearStartMonth) is { } provincePeriod)
        {
            return new ProvinceView(code, provincePeriod);
        }
        return null;
    }
}

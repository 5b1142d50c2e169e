using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Web.Review;

/// <summary>
/// The province map of a review: the wall's map drawn from the frozen point's figures, its pace
/// status the board's (as the table's "lagging" filter reads it). No alert badges: alerts are live,
/// the point is not.
/// </summary>
public static class ReviewMap
{
    private static readonly Dictionary<string, ProvinceAlertCount> NoAlerts = [];

    public static ProvinceMapModel Of(ReviewModel model, MapIndicator? indicator)
    {
        ArgumentNullException.ThrowIfNull(model);
        var status = model.Provinces.ToDictionary(p => p.Code, p => Css(p.Progress.Status), StringComparer.Ordinal);
        var progress = model.Provinces.ToDictionary(p => p.Code, p => p.Progress, StringComparer.Ordinal);
        return ProvinceTileMap.Map(indicator ?? MapIndicator.Status, status, NoAlerts, progress);
    }

    private static string Css(PaceStatus status) => status switch
    {
        PaceStatus.OnPace => "on-pace",
        PaceStatus.Behind => "behind",
        PaceStatus.Lagging => "lagging",
        _ => "no-data",
    };
}

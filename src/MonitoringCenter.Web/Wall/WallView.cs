using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Wall;

/// <summary>
/// What a national wall screen shows: the running year up to today (key <c>wall</c>), or a fixed
/// year and "as of" day (key <c>wall?year=2025&amp;asOf=2025-09-30</c>), with its map coloured by the
/// pace status or by another indicator (<c>wall?map=money</c>). The key is the SignalR group name;
/// every screen of one key gets the same pushes.
/// </summary>
public sealed record WallView(ReportingPeriod Period) : IScreenView
{
    public const string Path = "wall";

    public MapIndicator Map { get; init; } = MapIndicator.Status;

    public string Key => Path + Period.Query + (Map.IsDefault ? "" : (Period.IsLive ? "?" : "&") + MapIndicator.QueryName + "=" + Map.Key);

    public Task<ScreenContent> LoadAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<WallViewLoader>().LoadAsync(this, cancellationToken);
}

namespace MonitoringCenter.Web.Wall;

/// <summary>What the province map draws: its indicator, the 34 tiles and the legend's classes (none for the pace status).</summary>
public sealed record ProvinceMapModel(MapIndicator Indicator, IReadOnlyList<ProvinceMapTile> Tiles, IReadOnlyList<MapClass> Legend);

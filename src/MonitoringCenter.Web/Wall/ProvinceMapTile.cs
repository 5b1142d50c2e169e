using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Web.Wall;

/// <summary>
/// One province on the tile map: where it sits (column, row), its short name, its pace status (as the
/// ranking colours it) and its active alerts; on a map of another indicator, its value (in the unit
/// shown) and the colour of its class.
/// </summary>
public sealed record ProvinceMapTile(string Code, string Name, string ShortName, int Column, int Row, string Status, int Alerts, AlertSeverity? WorstAlert,
    decimal? Value = null, int? Colour = null);

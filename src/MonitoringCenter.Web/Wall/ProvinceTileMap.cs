using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Wall;

/// <summary>
/// The 34 provinces as equal tiles on a 5 × 13 grid that keeps the country's shape from north to
/// south: the wide north (rows 0–3), the central strip along the coast (rows 4–8), the south and the
/// Mekong delta bending west (rows 9–12). Placed by hand from the post-2025 provinces' positions;
/// no boundary data is involved.
/// </summary>
public static class ProvinceTileMap
{
    public const int Columns = 5;
    public const int Rows = 13;

    private static readonly (string Code, string ShortName, int Column, int Row)[] Layout =
    [
        ("12", "Lai Châu", 0, 0), ("15", "Lào Cai", 1, 0), ("08", "T.Quang", 2, 0), ("04", "Cao Bằng", 3, 0),
        ("11", "Điện Biên", 0, 1), ("14", "Sơn La", 1, 1), ("19", "T.Nguyên", 2, 1), ("20", "Lạng Sơn", 3, 1),
        ("25", "Phú Thọ", 1, 2), ("01", "Hà Nội", 2, 2), ("24", "Bắc Ninh", 3, 2), ("22", "Q.Ninh", 4, 2),
        ("38", "T.Hóa", 1, 3), ("37", "N.Bình", 2, 3), ("33", "Hưng Yên", 3, 3), ("31", "H.Phòng", 4, 3),
        ("40", "Nghệ An", 1, 4), ("42", "Hà Tĩnh", 2, 4),
        ("44", "Q.Trị", 2, 5), ("46", "Huế", 3, 5),
        ("48", "Đà Nẵng", 3, 6), ("51", "Q.Ngãi", 4, 6),
        ("52", "Gia Lai", 3, 7),
        ("66", "Đắk Lắk", 3, 8), ("56", "K.Hòa", 4, 8),
        ("80", "Tây Ninh", 1, 9), ("75", "Đồng Nai", 2, 9), ("68", "Lâm Đồng", 3, 9),
        ("91", "An Giang", 0, 10), ("82", "Đ.Tháp", 1, 10), ("79", "TP.HCM", 2, 10),
        ("92", "Cần Thơ", 0, 11), ("86", "V.Long", 1, 11),
        ("96", "Cà Mau", 0, 12),
    ];

    /// <summary>Every province's tile, with the status by code (absent: no data) and the active alerts by code.</summary>
    public static IReadOnlyList<ProvinceMapTile> Tiles(IReadOnlyDictionary<string, string> statusByCode, IReadOnlyDictionary<string, ProvinceAlertCount> alertsByCode)
    {
        ArgumentNullException.ThrowIfNull(statusByCode);
        ArgumentNullException.ThrowIfNull(alertsByCode);
        var names = Platform.ReferenceData.Provinces.ToDictionary(p => p.Code, p => p.NameVi, StringComparer.Ordinal);
        return [.. Layout.Select(t =>
        {
            var alerts = alertsByCode.GetValueOrDefault(t.Code);
            return new ProvinceMapTile(t.Code, names.GetValueOrDefault(t.Code, t.ShortName), t.ShortName, t.Column, t.Row,
                statusByCode.GetValueOrDefault(t.Code, "no-data"), alerts?.Count ?? 0, alerts?.Worst);
        })];
    }

    /// <summary>
    /// The map of an indicator: the tiles with the status and alerts as <see cref="Tiles"/> gives them,
    /// each with its value (from <paramref name="progressByCode"/>, or the alert count) and its class.
    /// </summary>
    public static ProvinceMapModel Map(MapIndicator indicator, IReadOnlyDictionary<string, string> statusByCode,
        IReadOnlyDictionary<string, ProvinceAlertCount> alertsByCode, IReadOnlyDictionary<string, UnitProgress>? progressByCode = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var tiles = Tiles(statusByCode, alertsByCode);
        if (!indicator.HasValues)
        {
            return new ProvinceMapModel(indicator, tiles, []);
        }
        decimal? Value(ProvinceMapTile t) => indicator.Kind == MapValueKind.Count
            ? t.Alerts
            : progressByCode?.GetValueOrDefault(t.Code) is { } progress ? indicator.Shown(progress) : null;
        var values = tiles.Select(t => (Tile: t, Value: Value(t))).ToList();
        var legend = MapScale.For(indicator, [.. values.Where(v => v.Value is not null).Select(v => v.Value!.Value)]);
        return new ProvinceMapModel(indicator, [.. values.Select(v => v.Tile with { Value = v.Value, Colour = MapScale.Of(legend, v.Value)?.Colour })], legend);
    }

    /// <summary>The codes the layout places, in its order (for the tests: every province once).</summary>
    public static IEnumerable<string> Codes => Layout.Select(t => t.Code);
}

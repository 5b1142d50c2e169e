using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Wall;

/// <summary>
/// What the province map is coloured by, chosen by <c>?map=</c> (a wall's address, the review's
/// address). Values are read from a province's progress as shares (0.8427) and shown in the unit the
/// screen uses (84.27 %, +0.39 points), rounded as <see cref="VietnameseFormat"/> rounds them, so a
/// tile's class, its number and its <c>data-value</c> agree.
/// </summary>
public sealed record MapIndicator(string Key, string Name, string LegendTitle, MapValueKind Kind, Func<UnitProgress, decimal?> Read)
{
    public const string QueryName = "map";

    public static MapIndicator Status { get; } = new("status", "Tiến độ", "Tiến độ", MapValueKind.Status, _ => null);

    /// <summary>Active alerts: a live count, so only the walls (not a review's frozen point) offer it.</summary>
    public static MapIndicator Alerts { get; } = new("alerts", "Số cảnh báo", "Số cảnh báo đang mở", MapValueKind.Count, _ => null);

    public static IReadOnlyList<MapIndicator> All { get; } =
    [
        Status,
        new("cases", "Tỷ lệ việc xong", "Tỷ lệ việc xong (%)", MapValueKind.Rate, p => p.Cases.Rate),
        new("money", "Tỷ lệ thu tiền", "Tỷ lệ thu tiền (%)", MapValueKind.Rate, p => p.Money.Rate),
        new("case-pace", "Việc so với tiến độ", "Việc so tiến độ (điểm %)", MapValueKind.Points, p => Diff(p.Cases.Rate, p.Cases.Expected)),
        new("money-pace", "Tiền so với tiến độ", "Tiền so tiến độ (điểm %)", MapValueKind.Points, p => Diff(p.Money.Rate, p.Money.Expected)),
        new("case-last-year", "Tỷ lệ việc so cùng kỳ", "Việc so cùng kỳ (điểm %)", MapValueKind.Points, p => Diff(p.Cases.Rate, p.LastYearCaseRate)),
        new("money-last-year", "Tỷ lệ tiền so cùng kỳ", "Tiền so cùng kỳ (điểm %)", MapValueKind.Points, p => Diff(p.Money.Rate, p.LastYearMoneyRate)),
        Alerts,
    ];

    /// <summary>The indicators a review offers: its figures are frozen, the alerts are not.</summary>
    public static IEnumerable<MapIndicator> Frozen => All.Where(i => i != Alerts);

    public bool IsDefault => Key == Status.Key;

    /// <summary>Whether the tiles carry a number (everything but the pace status).</summary>
    public bool HasValues => Kind != MapValueKind.Status;

    /// <summary>Whether the values come from the provinces' board (pace, last year), not from what the wall already reads.</summary>
    public bool NeedsBoard => Kind is MapValueKind.Rate or MapValueKind.Points;

    /// <summary>The share read from a province turned into the unit shown (percent or points, 2 decimals).</summary>
    public decimal? Shown(UnitProgress progress) =>
        Read(progress) is { } share ? Math.Round(share * 100, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>A shown value as the tile prints it (short: points without their unit, which the legend says).</summary>
    public string TileText(decimal value) => Kind switch
    {
        MapValueKind.Rate => VietnameseFormat.Percent(value / 100),
        MapValueKind.Points => VietnameseFormat.PointsNumber(value / 100),
        _ => VietnameseFormat.Count((long)value),
    };

    /// <summary>A shown value in full, for the tile's title.</summary>
    public string TitleText(decimal value) => Kind switch
    {
        MapValueKind.Points => VietnameseFormat.Points(value / 100),
        MapValueKind.Count => VietnameseFormat.Count((long)value) + " cảnh báo",
        _ => TileText(value),
    };

    /// <summary>The value as <c>data-value</c> carries it: invariant, in the shown unit.</summary>
    public static string Data(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static MapIndicator? Find(string? key) => All.FirstOrDefault(i => i.Key == key);

    /// <summary>Reads <c>?map=</c>: absent means the pace status; an unknown key is a problem, said on the screen.</summary>
    public static bool TryRead(string? text, [NotNullWhen(true)] out MapIndicator? indicator, out string? problem)
    {
        problem = null;
        indicator = string.IsNullOrWhiteSpace(text) ? Status : Find(text);
        if (indicator is null)
        {
            problem = $"Chỉ tiêu bản đồ \"{text}\" không hợp lệ: dùng map= một trong {string.Join(", ", All.Select(i => i.Key))}.";
            return false;
        }
        return true;
    }

    private static decimal? Diff(decimal? a, decimal? b) => a is { } x && b is { } y ? x - y : null;
}

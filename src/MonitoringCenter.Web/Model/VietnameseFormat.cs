using System.Globalization;

namespace MonitoringCenter.Web.Model;

/// <summary>
/// Numbers as Vietnamese readers expect them: "576.884", "84,27%", "150.060 tỷ đồng".
/// Built on a fixed <see cref="NumberFormatInfo"/> so the output does not depend on the
/// machine's ICU data or culture settings.
/// </summary>
public static class VietnameseFormat
{
    private const long Billion = 1_000_000_000;
    private const long Million = 1_000_000;

    public static readonly NumberFormatInfo Numbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        PercentGroupSeparator = ".",
        PercentDecimalSeparator = ",",
        NegativeSign = "−",
    };

    public const string NoData = "chưa có số liệu";

    public static string Count(long value) => value.ToString("#,0", Numbers);

    /// <summary>A rate with two decimals, rounded half away from zero: 0.842714 → "84,27%".</summary>
    public static string Percent(decimal? rate) =>
        rate is { } r ? Math.Round(r * 100, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", Numbers) + "%" : NoData;

    /// <summary>A difference of two rates in percentage points: "+0,39 điểm %".</summary>
    public static string Points(decimal? difference) =>
        difference is { } d ? Signed(Math.Round(d * 100, 2, MidpointRounding.AwayFromZero), "#,0.00") + " điểm %" : NoData;

    /// <summary>The number of <see cref="Points"/> without its unit, where a legend says it: "+0,39".</summary>
    public static string PointsNumber(decimal? difference) =>
        difference is { } d ? Signed(Math.Round(d * 100, 2, MidpointRounding.AwayFromZero), "#,0.00") : NoData;

    /// <summary>Money in đồng, shown in tỷ (billions) or triệu (millions) as the size calls for.</summary>
    public static string Money(long dong) => MoneyNumber(dong) + MoneyUnit(dong);

    public static string SignedMoney(long dong) => (dong > 0 ? "+" : "") + Money(dong);

    public static string SignedCount(long value) => Signed(value, "#,0");

    public static string SignedPercent(decimal? change) =>
        change is { } c ? Signed(Math.Round(c * 100, 2, MidpointRounding.AwayFromZero), "#,0.00") + "%" : NoData;

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A distance between two rates without sign: "1,20 điểm %".</summary>
    public static string PointsDistance(decimal? difference) =>
        difference is { } d ? Math.Round(Math.Abs(d) * 100, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", Numbers) + " điểm %" : NoData;

    /// <summary>A local time with its date: "14:05 25/11/2026".</summary>
    public static string Time(DateTimeOffset at) => at.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A decimal with at most one decimal place: "2,5".</summary>
    public static string OneDecimal(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", Numbers);

    private static string MoneyNumber(long dong)
    {
        var abs = Math.Abs(dong);
        var text = abs >= 100 * Billion
            ? Math.Round((decimal)dong / Billion, 0, MidpointRounding.AwayFromZero).ToString("#,0", Numbers)
            : abs >= Billion
                ? Math.Round((decimal)dong / Billion, 1, MidpointRounding.AwayFromZero).ToString("#,0.0", Numbers)
                : Math.Round((decimal)dong / Million, 0, MidpointRounding.AwayFromZero).ToString("#,0", Numbers);
        return text;
    }

    private static string MoneyUnit(long dong) => Math.Abs(dong) >= Billion ? " tỷ đồng" : " triệu đồng";

    private static string Signed(decimal value, string format) =>
        (value > 0 ? "+" : "") + value.ToString(format, Numbers);
}

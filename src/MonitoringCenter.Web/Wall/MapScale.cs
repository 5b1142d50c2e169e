namespace MonitoringCenter.Web.Wall;

/// <summary>
/// The classes a map indicator's values fall in, at most five, with the legend's words. Rates are
/// classed by quintiles of the provinces (the best fifth green, the worst red: who leads and who
/// trails, whatever the year's level); points by classes symmetric around zero (below zero red, above
/// green, the width scaled to the largest distance, rounded to 1, 2 or 5); alerts by count (0 green).
/// </summary>
public static class MapScale
{
    public const int Colours = 5;

    private static readonly decimal[] Steps = [1m, 2m, 5m, 10m];

    private static readonly decimal[] AlertBounds = [1, 2, 3, 5];

    public static IReadOnlyList<MapClass> For(MapIndicator indicator, IReadOnlyCollection<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(values);
        return indicator.Kind switch
        {
            MapValueKind.Rate => Classes(indicator, Quintiles(values), best: Colours - 1),
            MapValueKind.Points => Classes(indicator, Symmetric(values), best: Colours - 1),
            MapValueKind.Count => Classes(indicator, [.. AlertBounds], best: 0),
            _ => [],
        };
    }

    /// <summary>The class a value falls in (none for a missing value or no classes).</summary>
    public static MapClass? Of(IReadOnlyList<MapClass> classes, decimal? value) =>
        value is { } v ? classes.FirstOrDefault(c => c.Contains(v)) : null;

    private static List<decimal> Quintiles(IReadOnlyCollection<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return [];
        }
        // The value at each fifth of the ranking starts a class; ties merge classes.
        return [.. Enumerable.Range(1, Colours - 1).Select(k => sorted[k * sorted.Count / Colours]).Where(b => b > sorted[0]).Distinct()];
    }

    private static List<decimal> Symmetric(IReadOnlyCollection<decimal> values)
    {
        var largest = values.Count == 0 ? 0 : values.Max(Math.Abs);
        var step = 1m;
        while (step * 10 < largest)
        {
            step *= 10;
        }
        var span = Steps.Select(f => f * step).First(s => s >= largest);
        return [-0.6m * span, -0.2m * span, 0.2m * span, 0.6m * span];
    }

    /// <param name="best">The colour of the highest class: 4 when higher is better, 0 when more is worse.</param>
    private static List<MapClass> Classes(MapIndicator indicator, List<decimal> bounds, int best)
    {
        var classes = new List<MapClass>();
        for (var i = 0; i <= bounds.Count; i++)
        {
            decimal? from = i == 0 ? null : bounds[i - 1];
            decimal? to = i == bounds.Count ? null : bounds[i];
            // Spread over the five colours whatever the number of classes, so the ends stay red and green.
            var rank = bounds.Count == 0 ? Colours - 1 : i * (Colours - 1) / bounds.Count;
            var colour = best == 0 ? Colours - 1 - rank : rank;
            classes.Add(new MapClass(colour, from, to, Text(indicator, from, to)));
        }
        return classes;
    }

    private static string Text(MapIndicator indicator, decimal? from, decimal? to)
    {
        if (indicator.Kind == MapValueKind.Count)
        {
            return (from, to) switch
            {
                (null, { } t) => t == 1 ? "0" : $"dưới {indicator.TileText(t)}",
                ({ } f, { } t) when t - f == 1 => indicator.TileText(f),
                ({ } f, { } t) => $"{indicator.TileText(f)}–{indicator.TileText(t - 1)}",
                ({ } f, null) => $"từ {indicator.TileText(f)}",
                _ => "tất cả",
            };
        }
        return (from, to) switch
        {
            (null, { } t) => $"dưới {indicator.TileText(t)}",
            ({ } f, { } t) => $"{indicator.TileText(f)} – {indicator.TileText(t)}",
            ({ } f, null) => $"từ {indicator.TileText(f)}",
            _ => "tất cả",
        };
    }
}

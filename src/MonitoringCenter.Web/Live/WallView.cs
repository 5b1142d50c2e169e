using System.Globalization;
using MonitoringCenter.Web.Data;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Live;

/// <summary>
/// What a national wall screen shows: the running year up to today (<see cref="Live"/>, key
/// <c>wall</c>), or a fixed year and "as of" day (key <c>wall?year=2025&amp;asOf=2025-09-30</c>).
/// The key is the SignalR group name; every screen of one key gets the same pushes.
/// </summary>
public sealed record WallView(int? Year, DateOnly? AsOf) : IScreenView
{
    public static WallView Live { get; } = new(null, null);

    public bool IsLive => Year is null;

    public string Key => IsLive ? "wall" : $"wall?year={Year}&asOf={AsOf:yyyy-MM-dd}";

    public (StatisticalYear Year, DateOnly AsOf) Resolve(Clock clock)
    {
        if (Year is { } year && AsOf is { } asOf)
        {
            return (clock.Year(year), asOf);
        }
        return (clock.CurrentYear, clock.Today);
    }

    public async Task<RenderedView> RenderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var loader = services.GetRequiredService<WallViewLoader>();
        var model = await loader.LoadAsync(this, cancellationToken);
        return new RenderedView(await loader.RenderFragmentsAsync(model), model.Charts);
    }

    /// <summary>Reads a key sent by a screen; null when it is not a wall view.</summary>
    public static WallView? Parse(string? key)
    {
        if (key == "wall")
        {
            return Live;
        }
        const string prefix = "wall?year=";
        if (key is null || !key.StartsWith(prefix, StringComparison.Ordinal) || key.Length != prefix.Length + 4 + "&asOf=".Length + 10)
        {
            return null;
        }
        var yearText = key.Substring(prefix.Length, 4);
        var asOfText = key[(prefix.Length + 4 + "&asOf=".Length)..];
        return int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && key.AsSpan(prefix.Length + 4, "&asOf=".Length).SequenceEqual("&asOf=")
            && DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf)
            ? new WallView(year, asOf)
            : null;
    }
}

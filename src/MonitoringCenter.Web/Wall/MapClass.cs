namespace MonitoringCenter.Web.Wall;

/// <summary>
/// One colour class of a map's legend: the values from <paramref name="From"/> (included) up to
/// <paramref name="To"/> (excluded), either open; <paramref name="Colour"/> 0 (worst, red) to 4 (best, green).
/// </summary>
public sealed record MapClass(int Colour, decimal? From, decimal? To, string Text)
{
    public bool Contains(decimal value) => (From is not { } from || value >= from) && (To is not { } to || value < to);
}

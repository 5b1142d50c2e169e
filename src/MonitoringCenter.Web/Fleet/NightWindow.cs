using System.Globalization;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// A room's night dimming window, "HH:mm-HH:mm" in the statistics time zone (it may cross midnight:
/// "22:00-06:00"). Screens of the room dim themselves inside it, on the screen's own clock.
/// </summary>
public sealed record NightWindow(TimeOnly From, TimeOnly To)
{
    public static NightWindow? Parse(string? text)
    {
        var parts = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            && from != to
                ? new NightWindow(from, to)
                : null;
    }

    public bool Contains(TimeOnly time) => From < To ? time >= From && time < To : time >= From || time < To;

    /// <summary>Minutes since midnight of both ends, as the screen's script reads them.</summary>
    public string ToAttribute() => string.Create(CultureInfo.InvariantCulture, $"{From.Hour * 60 + From.Minute}-{To.Hour * 60 + To.Minute}");
}

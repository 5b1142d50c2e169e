namespace MonitoringCenter.Web.Fleet;

public sealed class FleetOptions
{
    public const string Section = "Fleet";

    /// <summary>How long a pairing code shown on a screen can be entered.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Pairing codes one address may ask for within <see cref="RateWindow"/>.</summary>
    public int CodesPerAddress { get; set; } = 20;

    /// <summary>Wrong codes one Admin may enter within <see cref="RateWindow"/> before pairing is refused for a while.</summary>
    public int WrongCodesPerAdmin { get; set; } = 5;

    /// <summary>The window of both limits above.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a screen's credential cookie lives in its browser (revoking ends it sooner).</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromDays(400);

    /// <summary>A screen's credential older than this is replaced by a new one at the screen's next page load.</summary>
    public TimeSpan CredentialRotation { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a replaced credential still opens the screen's pages (its requests already under way).</summary>
    public TimeSpan RotationGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a paired screen reports its status.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A screen not heard from for this long is shown offline.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Burn-in care for panels on 24/7: a paired screen's page drifts to the next of eight positions
    /// within 4 px this often, moving slowly (over a minute, or a tenth of the interval if shorter).
    /// </summary>
    public TimeSpan PixelShiftInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per room, the night dimming window "HH:mm-HH:mm" (statistics time zone), e.g. "22:00-06:00".</summary>
    public Dictionary<string, string> NightDimming { get; set; } = [];

    /// <summary>How often the unpaired <c>/screen</c> page asks whether it was paired.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// What a screen reports when it connects and every <see cref="FleetOptions.ReportInterval"/>: the
/// page it shows, the build it runs, its viewport, how long the page has been up, and the last
/// script errors it caught.
/// </summary>
public sealed record ScreenReport(string? View, string? Build, int Width, int Height, long UptimeSeconds, string[]? Errors);

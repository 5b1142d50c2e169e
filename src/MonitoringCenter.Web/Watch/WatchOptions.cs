namespace MonitoringCenter.Web.Watch;

/// <summary>What the watch lists count as a high-value case and as a delayed one.</summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";

    /// <summary>A case whose amount to enforce is at least this (whole đồng) is high-value: 10 tỷ đồng by default.</summary>
    public long HighValueThreshold { get; set; } = 10_000_000_000;

    /// <summary>A case postponed or suspended for more than this many days is delayed.</summary>
    public int DelayedDays { get; set; } = 90;

    /// <summary>How many provinces each list on <c>/wall/watch</c> shows, besides the national total.</summary>
    public int TopProvinces { get; set; } = 10;
}

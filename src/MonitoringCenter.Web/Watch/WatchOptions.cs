namespace MonitoringCenter.Web.Watch;

/// <summary>What the watch lists count as a high-value case and as a delayed one.</summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";

    /// <summary>A case whose amount to enforce is at least this (whole đồng) is high-value: 10 tỷ đồng by default.</summary>
    public long HighValueThreshold { get; set; } = 10_000_000_000;

    /// <summary>A case postponed or suspended for more than this many days is delayed.</summary>
    public int DelayedDays { get; set; } = 90;

    /// <summary>An open high-value case with no activity (acceptance, classification, status change, completion, payment) for more than this many days is untouched (alert <c>high-value-untouched</c>).</summary>
    public int UntouchedDays { get; set; } = 60;

    /// <summary>
    /// A week counts towards the <c>old-cases-rising</c> alert when a province's open cases over a year old rose by at
    /// least this share of the week before, in percent: ageing alone adds about 0.5–1% a week, a backlog growing faster is news.
    /// </summary>
    public decimal RisingMinimumPercent { get; set; } = 1.0m;

    /// <summary>How long the weekly counts behind <c>old-cases-rising</c> are reused between alert evaluations (read again on a new day anyway).</summary>
    public TimeSpan RisingRecheck { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many provinces each list on <c>/wall/watch</c> shows, besides the national total.</summary>
    public int TopProvinces { get; set; } = 10;
}

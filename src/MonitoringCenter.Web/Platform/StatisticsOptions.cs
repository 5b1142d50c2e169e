namespace MonitoringCenter.Web.Platform;

public sealed class StatisticsOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Statistics";

    /// <summary>The month the statistical year starts in (1..12); the ministry uses October.</summary>
    public int YearStartMonth { get; set; } = 10;

    /// <summary>The time zone "today" and "as of" are read in.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
}

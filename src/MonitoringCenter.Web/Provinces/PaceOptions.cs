using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Provinces;

public sealed class PaceOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Pace";

    /// <summary>
    /// How the expected rate at a date is derived: <see cref="PaceModel.LastYearCurve"/> (the unit's own
    /// cumulative curve of the previous year, scaled to this year's target; completions bunch before
    /// 30 September) or <see cref="PaceModel.Linear"/>. Units without a previous year fall back to linear.
    /// </summary>
    public PaceModel Model { get; set; } = PaceModel.LastYearCurve;

    /// <summary>Percentage points behind pace that still count as on pace.</summary>
    public decimal TolerancePoints { get; set; } = 0.2m;

    /// <summary>Percentage points behind pace (cases or money) from which a unit is "lagging" (red) rather than "behind" (amber).</summary>
    public decimal LaggingPoints { get; set; } = 1.0m;

    /// <summary>A province whose last data is older than this shows "chưa có số liệu từ …" on the screens.</summary>
    public TimeSpan NoDataAfter { get; set; } = TimeSpan.FromHours(24);
}

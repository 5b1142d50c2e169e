namespace MonitoringCenter.Web.Configuration;

public sealed class DemoOptions
{
    /// <summary>
    /// Statistical years the <c>seed</c> command loads into an empty database (each about
    /// 1.06 million cases). Years outside the demo plan (2024..2027) are ignored.
    /// </summary>
    public int[] Years { get; set; } = [2024, 2025, 2026, 2027];
}

namespace MonitoringCenter.Web.Configuration;

public sealed class DemoOptions
{
    /// <summary>
    /// Statistical years the <c>seed</c> command loads into an empty database (each about
    /// 1.06 million cases); empty means every year of the demo plan (2024..2027). Years outside
    /// the plan are ignored.
    /// </summary>
    public int[] Years { get; set; } = [];
}

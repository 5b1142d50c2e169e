namespace MonitoringCenter.Web.Demo;

public sealed class DemoOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Demo";

    /// <summary>
    /// Statistical years the <c>seed</c> command loads into an empty database (each about
    /// 1.06 million cases); empty means every year of the demo plan (2024..2027). Years outside
    /// the plan are ignored.
    /// </summary>
    public int[] Years { get; set; } = [];

    /// <summary>The demo's live event simulator (./scripts/run turns it on).</summary>
    public SimulatorOptions Simulator { get; set; } = new();
}

public sealed class SimulatorOptions
{
    /// <summary>Apply simulated enforcement events to the running statistical year. Off by default: demo only.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many event batches (a new case, a payment, a completion) per second.</summary>
    public double EventsPerSecond { get; set; } = 2;
}

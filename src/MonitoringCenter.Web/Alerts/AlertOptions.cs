namespace MonitoringCenter.Web.Alerts;

public sealed class AlertOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Alerts";

    /// <summary>How often the rules are evaluated when no refresh triggers them sooner.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a condition must hold before its alert fires (pending until then).</summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a condition must stay cleared (past its hysteresis) before its alert resolves by itself.</summary>
    public TimeSpan ClearFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Days at the start of a statistical year in which the rate rules stay quiet (rates of a few days mean little).</summary>
    public int GraceDays { get; set; } = 14;

    /// <summary>Behind the expected pace, in percentage points (cases and money separately).</summary>
    public ThresholdRule BehindPace { get; set; } = new() { Warning = 1.5m, Critical = 4.0m, Hysteresis = 0.3m };

    /// <summary>Worse than the same date last year, in percentage points (cases and money separately).</summary>
    public ThresholdRule BehindLastYear { get; set; } = new() { Warning = 2.0m, Critical = 5.0m, Hysteresis = 0.3m };

    /// <summary>Forecast rate at year end below the target, in percentage points (cases and money separately).</summary>
    public ThresholdRule ForecastBelowTarget { get; set; } = new() { Warning = 5.0m, Critical = 15.0m, Hysteresis = 0.5m };

    /// <summary>No data from a province, in hours since its last data.</summary>
    public ThresholdRule NoData { get; set; } = new() { Warning = 24m, Critical = 72m, Hysteresis = 0m };

    /// <summary>The refresh job late, in minutes since its last successful run.</summary>
    public ThresholdRule RefreshLate { get; set; } = new() { Warning = 5m, Critical = 15m, Hysteresis = 0m };

    /// <summary>The refresh job failing, in consecutive failed runs.</summary>
    public ThresholdRule RefreshFailing { get; set; } = new() { Warning = 1m, Critical = 3m, Hysteresis = 0m };

    /// <summary>Directives to a province past their due date and not done, in days past the due date of the oldest.</summary>
    public ThresholdRule DirectiveOverdue { get; set; } = new() { Warning = 1m, Critical = 7m, Hysteresis = 0m };

    /// <summary>The read model's invariants broken (provinces not adding up to the nation, completed above with conditions…), in places found.</summary>
    public ThresholdRule Invariants { get; set; } = new() { Warning = 1m, Critical = 1m, Hysteresis = 0m };

    /// <summary>
    /// A province's open cases over a year old rising week on week, in consecutive weeks ending today
    /// (a week counts when the rise is at least <c>Watch:RisingMinimumPercent</c>): warning from 4 weeks.
    /// </summary>
    public ThresholdRule OldCasesRising { get; set; } = new() { Warning = 4m, Critical = 8m, Hysteresis = 0m };

    /// <summary>
    /// A province's open high-value cases with no activity for <c>Watch:UntouchedDays</c>, in cases. The demo's long
    /// tail of old big cases leaves most of them untouched, so the defaults flag the provinces where they pile up.
    /// </summary>
    public ThresholdRule HighValueUntouched { get; set; } = new() { Warning = 150m, Critical = 500m, Hysteresis = 10m };

    /// <summary>The full-screen interruption for a new critical alert.</summary>
    public InterruptionOptions Interruption { get; set; } = new();
}

/// <summary>
/// A rule fires at <see cref="Warning"/> (or with critical severity at <see cref="Critical"/>) and
/// clears only below <see cref="Warning"/> minus <see cref="Hysteresis"/>, so a value hovering at
/// the threshold does not flap.
/// </summary>
public sealed class ThresholdRule
{
    public bool Enabled { get; set; } = true;

    public decimal Warning { get; set; }

    public decimal Critical { get; set; }

    public decimal Hysteresis { get; set; }
}

public sealed class InterruptionOptions
{
    /// <summary>Whether wall screens interrupt for a new critical alert; a screen can opt out with <c>?interrupt=0</c> (or in with <c>?interrupt=1</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after firing an unacknowledged critical alert counts as new.</summary>
    public TimeSpan ShowFor { get; set; } = TimeSpan.FromMinutes(15);
}

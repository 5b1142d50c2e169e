namespace MonitoringCenter.Web.Alerts;

/// <summary>What became of an operator's action on an alert.</summary>
public enum AlertActionOutcome
{
    Done,

    /// <summary>The alert does not exist, or is no longer in a state the action applies to.</summary>
    NotApplicable,

    /// <summary>The person may not act on this alert (their role or their provinces): nothing changed.</summary>
    Refused,
}

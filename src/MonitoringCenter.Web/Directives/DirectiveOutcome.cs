namespace MonitoringCenter.Web.Directives;

public enum DirectiveOutcome
{
    Done,
    /// <summary>This person may not do this to this directive (role or province); nothing changed.</summary>
    Refused,
    /// <summary>The directive does not exist or its state does not allow the action (already done, already acknowledged).</summary>
    NotApplicable,
}

namespace MonitoringCenter.Web.Directives;

/// <summary>The board's tabs. A directive is in exactly one of Overdue, DueSoon, Open (the rest of the open ones) or Done.</summary>
public enum DirectiveBucket
{
    Open,
    DueSoon,
    Overdue,
    Done,
    All,
}

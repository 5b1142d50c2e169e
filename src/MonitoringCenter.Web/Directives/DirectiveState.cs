namespace MonitoringCenter.Web.Directives;

public enum DirectiveState
{
    Issued,
    Acknowledged,
    Done,
}

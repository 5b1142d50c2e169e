namespace MonitoringCenter.Web.Directives;

public enum DirectiveAnswer
{
    Acknowledge,
    Progress,
    Complete,
}

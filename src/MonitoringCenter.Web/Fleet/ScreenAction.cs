namespace MonitoringCenter.Web.Fleet;

public enum ScreenAction
{
    Reload,
    Navigate,
    Identify,
    Dim,
    Undim,
    Revoke,
}

namespace MonitoringCenter.Web.Alerts;

/// <summary>What an operator does to the selected alert from the console.</summary>
public enum AlertAction
{
    Acknowledge,
    Comment,
    Snooze,
    Resolve,
}

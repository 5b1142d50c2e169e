namespace MonitoringCenter.Web.Alerts;

/// <summary>A province's active alerts: how many, and the worst one's severity.</summary>
public sealed record ProvinceAlertCount(int Count, AlertSeverity Worst);

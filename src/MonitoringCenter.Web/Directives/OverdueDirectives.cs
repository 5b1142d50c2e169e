namespace MonitoringCenter.Web.Directives;

/// <summary>A province's overdue directives: how many, and how many days the oldest is past its date.</summary>
public sealed record OverdueDirectives(string ProvinceCode, int Count, int MaxDaysOverdue);

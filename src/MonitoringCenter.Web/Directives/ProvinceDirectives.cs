namespace MonitoringCenter.Web.Directives;

/// <summary>One province's line on the board's summary.</summary>
public sealed record ProvinceDirectives(string Code, string Name, int Open, int DueSoon, int Overdue, int Done);

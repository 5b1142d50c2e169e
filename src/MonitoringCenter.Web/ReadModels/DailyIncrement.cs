using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>What to add to one built row of <c>kpi_daily</c>: a unit's category on one day.</summary>
public sealed record DailyIncrement(string Unit, short Category, DateOnly Day, Indicators Change);

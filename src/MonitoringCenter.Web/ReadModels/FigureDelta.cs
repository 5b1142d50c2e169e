using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>Taken figure changes of case events (<c>kpi_delta</c>), summed per office, category and day.</summary>
public sealed record FigureDelta(int Year, string Province, string Office, short Category, DateOnly Day,
    long CasesToEnforce, long CasesWithConditions, long CasesCompleted, long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected,
    DateTime ArrivedAt)
{
    public Indicators Change => new(CasesToEnforce, CasesWithConditions, CasesCompleted, MoneyToEnforce, MoneyWithConditions, MoneyCollected);
}

namespace MonitoringCenter.Web.Wall;

/// <summary>Chart series for the browser module: numbers only, labels already formatted here.</summary>
public sealed record WallCharts(TrendSeries Trend, RankingSeries Ranking);

public sealed record TrendSeries(string[] Labels, decimal?[] CaseRate, decimal?[] MoneyRate, decimal?[] CaseTarget, decimal?[] MoneyTarget,
    decimal?[] CaseLastYear, decimal?[] MoneyLastYear);

public sealed record RankingSeries(string[] Codes, string[] Names, decimal?[] CaseRate, string[] Status, string[] Colors);

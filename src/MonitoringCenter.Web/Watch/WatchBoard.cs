namespace MonitoringCenter.Web.Watch;

/// <summary>The watch lists of every unit of a scope (the 34 provinces, or a province's offices), their total, and the old cases' monthly trend.</summary>
public sealed record WatchBoard(int Year, DateOnly AsOf, long HighValueThreshold, int DelayedDays, WatchFigures Total, IReadOnlyList<WatchFigures> Units,
    OldCaseTrend OldTrend);

namespace MonitoringCenter.Web.ReadModels;

/// <summary>The provinces of one statistical year recounted from their cases, each from its day on (the whole year when null).</summary>
public sealed record YearRecount(int Year, IReadOnlyList<(string Province, DateOnly? From)> Pairs);

namespace MonitoringCenter.Web.ReadModels;

/// <summary>What a committed refresh announces on the <c>kpi_refreshed</c> channel (well under 8 KB).</summary>
public sealed record RefreshNotice(long Version, int[] Years, string[] Provinces);

namespace MonitoringCenter.Web.ReadModels;

/// <summary>Provinces of one statistical year recounted from their cases from the same day on, with their regional offices.</summary>
public sealed record RecountBatch(DateOnly From, IReadOnlyList<string> Provinces, IReadOnlyList<string> Offices);

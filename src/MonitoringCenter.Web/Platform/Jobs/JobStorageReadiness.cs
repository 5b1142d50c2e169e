namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>Completes once this node has installed Hangfire's schema and registered the recurring jobs: jobs can be enqueued from then on.</summary>
public sealed class JobStorageReadiness : Readiness;

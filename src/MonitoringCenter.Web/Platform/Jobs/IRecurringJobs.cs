using Hangfire;

namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>A feature's recurring jobs, registered by explicit id when a node's job server starts.</summary>
public interface IRecurringJobs
{
    void Register(IRecurringJobManager recurring);
}

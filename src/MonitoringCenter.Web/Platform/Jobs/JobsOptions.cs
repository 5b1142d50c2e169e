namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>The Hangfire server every node runs (jobs, history and schedules in the database's <c>hangfire</c> schema).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// How often a node looks for recurring and delayed jobs that are due. A job starts up to this
    /// late; each look costs a few statements. Hangfire's default is 15 s.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Jobs one node runs at once (Hangfire's default would be five per core).</summary>
    public int WorkerCount { get; set; } = 4;
}

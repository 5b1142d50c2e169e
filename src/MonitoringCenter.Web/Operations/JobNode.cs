namespace MonitoringCenter.Web.Operations;

/// <summary>A Hangfire server in the shared job store: one per web node.</summary>
/// <param name="ThisProcess">The server of the process answering (its name carries the process id).</param>
public sealed record JobNode(string Name, DateTimeOffset? Heartbeat, int Workers, bool Alive, bool ThisProcess);

using Microsoft.AspNetCore.SignalR;

namespace MonitoringCenter.Web.Screens;

/// <summary>
/// The benchmarks' floor: a hub that does nothing but broadcast a fixed 2 KB message, mapped
/// only with <c>Live:DiagnosticsEndpoint</c>. The wall hub's latency and memory are measured
/// against it in the same run.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Accounts.Policies.Walls)]
public sealed class BareHub : Hub<IBareClient>;

public interface IBareClient
{
    Task Message(BareMessage message);
}

public sealed record BareMessage(long Sequence, string Body);

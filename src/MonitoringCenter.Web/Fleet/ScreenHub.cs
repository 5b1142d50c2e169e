using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// A paired screen's line to the server: it reports its status on connect and every few seconds;
/// the fleet page's commands come back through <c>IHubContext&lt;ScreenHub, IScreenClient&gt;</c>
/// to the screen's group.
/// </summary>
[Authorize(Policy = ScreenClaims.Policy)]
public sealed class ScreenHub(ScreenRegistry screens, FleetChanges changes, AlertFollower follower) : Hub<IScreenClient>
{
    public static string Group(Guid screenId) => "screen:" + screenId.ToString("N");

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(ScreenId()));
        await base.OnConnectedAsync();
        if (follower.Current is { } alert)
        {
            await Clients.Caller.FollowAlert(alert.Id, alert.Province!);
        }
    }

    public async Task Report(ScreenReport report)
    {
        if (await screens.ReportAsync(ScreenId(), report, Context.ConnectionAborted))
        {
            changes.Notify();
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        changes.Notify();
        return base.OnDisconnectedAsync(exception);
    }

    private Guid ScreenId() =>
        Guid.TryParse(Context.User?.FindFirst(ScreenClaims.Screen)?.Value, out var id) ? id : throw new HubException("Not a paired screen.");
}

namespace MonitoringCenter.Web.Fleet;

/// <summary>Commands the server pushes to a paired screen (the module in <c>ScreenAgent.razor.js</c> carries them out).</summary>
public interface IScreenClient
{
    Task Reload();

    /// <summary>Go to a wall view (a full navigation).</summary>
    Task Navigate(string path);

    /// <summary>Show the screen's name over everything for a few seconds, to find it in the room.</summary>
    Task Identify(string name, int seconds);

    Task SetDimmed(bool dimmed);

    /// <summary>A critical alert is new in <paramref name="province"/>: a screen following alerts goes there for a while.</summary>
    Task FollowAlert(long alertId, string province);

    /// <summary>The credential was revoked: forget the view and go back to <c>/screen</c> for a new code.</summary>
    Task Revoked();
}

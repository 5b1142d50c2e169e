namespace MonitoringCenter.Web.Platform;

/// <summary>
/// A feature's PostgreSQL notification channel, heard on the node's one LISTEN connection
/// (<see cref="Screens.ChangeFeedListener"/>) instead of a connection of its own. Register it as a
/// singleton <see cref="INotificationHandler"/>; the channels are read once, at start.
/// </summary>
public interface INotificationHandler
{
    /// <summary>The channel's name: a plain identifier, listened to as it is.</summary>
    string Channel { get; }

    /// <summary>A notice arrived. Called on the listening loop: hand longer work off, never wait here.</summary>
    void Heard(string payload);

    /// <summary>The connection was lost and is back: notices sent meanwhile were missed.</summary>
    void Reconnected();
}

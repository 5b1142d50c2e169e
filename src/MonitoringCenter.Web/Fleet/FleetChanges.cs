namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// Tells the fleet pages open on this node that a screen reported, paired or was revoked, so they
/// reload their list at once (they also reload every few seconds, for screens going silent and for
/// changes made on other nodes).
/// </summary>
public sealed class FleetChanges
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}

namespace MonitoringCenter.Web.Fleet;

public enum PairingState
{
    /// <summary>No such request, a wrong secret, or its code expired unused: the screen needs a new code.</summary>
    Gone,

    /// <summary>The code is shown and not entered yet.</summary>
    Waiting,

    /// <summary>An Admin entered the code: the screen took its credential now.</summary>
    Paired,
}

namespace MonitoringCenter.Web.Fleet;

/// <summary>What became of an Admin's pairing: the screen, or why not (in Vietnamese, for the fleet page).</summary>
public sealed record PairOutcome(bool Succeeded, string Message, Guid? ScreenId = null)
{
    public static PairOutcome Fail(string message) => new(false, message);
}

namespace MonitoringCenter.Web.Fleet;

public static class ScreenClaims
{
    /// <summary>The authentication scheme of paired screens (the wall policy lists it by this name).</summary>
    public const string Scheme = "Screen";

    /// <summary>The screen's id on a screen's principal (same spelling as <see cref="Accounts.AccountClaims.Screen"/>).</summary>
    public const string Screen = Accounts.AccountClaims.Screen;

    /// <summary>The screen hub's policy: a paired screen, never a person.</summary>
    public const string Policy = "paired-screen";
}

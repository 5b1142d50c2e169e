namespace MonitoringCenter.Web.Accounts;

/// <summary>What turning two-factor sign-in on or off gave: done, or why not; the recovery codes once, when turned on.</summary>
public sealed record TwoFactorResult(bool Succeeded, string Message, IReadOnlyList<string>? RecoveryCodes = null)
{
    public static TwoFactorResult Fail(string message) => new(false, message);
}

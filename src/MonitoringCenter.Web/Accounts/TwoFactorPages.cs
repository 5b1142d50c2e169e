namespace MonitoringCenter.Web.Accounts;

/// <summary>The two-factor (TOTP) pages' addresses.</summary>
public static class TwoFactorPages
{
    /// <summary>The second step of a sign-in, for an account with an authenticator app.</summary>
    public const string SignInCodePath = "/sign-in/code";

    /// <summary>Where a signed-in person turns their authenticator on or off.</summary>
    public const string SetUpPath = "/account/two-factor";
}

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// The ministry's single sign-on through OpenID Connect: off unless <see cref="Authority"/> is set.
/// A person signed in there gets our roles from one claim of theirs, mapped by <see cref="RoleMap"/>;
/// their account here is made on first sign-in (no password) and its roles follow the claim.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Accounts:SingleSignOn";

    /// <summary>The identity provider's issuer address (its discovery document is read from there).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim carrying the person's groups or roles at the provider.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim carrying the e-mail address, which names the account here.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Provider value → our role (Admin, Operator, Leader, Display). Unmapped values give nothing.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>What the sign-in page's button says.</summary>
    public string ButtonText { get; set; } = "Đăng nhập bằng tài khoản của Bộ (SSO)";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

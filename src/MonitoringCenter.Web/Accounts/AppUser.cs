namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// A person who signs in, as ASP.NET Core Identity's managers read and change it through
/// <see cref="UserStore"/>. The e-mail address is the user name.
/// </summary>
public sealed class AppUser
{
    public Guid Id { get; set; }

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = "";

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public bool TwoFactorEnabled { get; set; }

    public string? AuthenticatorKey { get; set; }

    public string? RecoveryCodes { get; set; }

    /// <summary>Set for a one-time password (a new account, a reset): the next sign-in must change it.</summary>
    public bool MustChangePassword { get; set; } = true;

    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public bool Disabled => DisabledAt is not null;
}

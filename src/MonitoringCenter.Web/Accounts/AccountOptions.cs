namespace MonitoringCenter.Web.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Failed sign-ins in a row before the account is locked for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without a request (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How often an open interactive page re-checks its session, besides the immediate check when
    /// an account changes on any node.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Origins (scheme://host[:port]) whose pages may open the hubs besides the app's own. A browser
    /// sends Origin on every WebSocket; one not listed is refused.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

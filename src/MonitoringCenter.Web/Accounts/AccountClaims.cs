using System.Security.Claims;

namespace MonitoringCenter.Web.Accounts;

/// <summary>Our claims on a signed-in principal, beside Identity's name, id, role and security stamp.</summary>
public static class AccountClaims
{
    /// <summary>One claim per province an Operator is limited to; none means every province.</summary>
    public const string Province = "mc:province";

    /// <summary>Present while the account's one-time password has not been changed yet.</summary>
    public const string MustChangePassword = "mc:must-change-password";

    /// <summary>On a paired screen's principal (the Screen scheme, see Fleet): the screen's id. Never on a person's.</summary>
    public const string Screen = "mc:screen";

    /// <summary>The name the audit trail and the alert history record: the account's e-mail address.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(user.Identity.Name) ? user.Identity.Name : "anonymous";
    }

    /// <summary>The provinces this person may act on; empty for every province.</summary>
    public static IReadOnlySet<string> ProvinceScope(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(Province).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether this person may act on something of <paramref name="province"/> (null: not a province's).</summary>
    public static bool MayActOn(this ClaimsPrincipal user, string? province)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }
        if (!user.IsInRole(Roles.Operator))
        {
            return false;
        }
        var scope = user.ProvinceScope();
        return scope.Count == 0 || (province is not null && scope.Contains(province));
    }
}

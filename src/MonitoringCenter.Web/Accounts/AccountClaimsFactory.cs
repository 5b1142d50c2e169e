using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Accounts;

/// <summary>Identity's claims (id, name, security stamp) plus our roles, province scope and the must-change mark.</summary>
public sealed class AccountClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, UserAccounts accounts)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in await UserManager.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }
        foreach (var province in await accounts.ProvincesAsync(user.Id))
        {
            identity.AddClaim(new Claim(AccountClaims.Province, province));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccountClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}

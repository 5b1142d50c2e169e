using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Optional OpenID Connect sign-in (see <see cref="SingleSignOnOptions"/>): <c>/sign-in/sso</c> goes
/// to the provider, which comes back to <c>/sign-in/sso/callback</c>; <c>/sign-in/sso/done</c> maps
/// the person's claim to our roles, makes or updates their account, and starts our own session, so
/// everything after (stamp checks, roles, audit) is as for a local sign-in.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "sso";

    public const string StartPath = "/sign-in/sso";

    internal static void Add(WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        builder.Services.AddOptions<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.Section)
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ClientId), "Accounts:SingleSignOn:ClientId is required with an Authority.")
            .Validate(o => o.RoleMap.Values.All(r => Roles.Parse(r) is not null), "Accounts:SingleSignOn:RoleMap values must be Admin, Operator, Leader or Display.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!options.Enabled)
        {
            return;
        }
        authentication.AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.CallbackPath = StartPath + "/callback";
            oidc.Scope.Add("email");
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = true;
        });
    }

    internal static void Map(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.Enabled)
        {
            return;
        }
        app.MapGet(StartPath, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = $"{StartPath}/done?returnUrl={Uri.EscapeDataString(SignInPage.SafeReturnUrl(returnUrl))}" },
                [Scheme]))
            .AllowAnonymous();
        app.MapGet(StartPath + "/done", CompleteAsync).AllowAnonymous();
    }

    /// <summary>Our roles for the provider's person: each value of the role claim through the map; unmapped values give none.</summary>
    public static List<string> MappedRoles(ClaimsPrincipal person, SingleSignOnOptions options)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(options);
        return person.FindAll(options.RoleClaim)
            .Select(c => options.RoleMap.GetValueOrDefault(c.Value))
            .Select(Roles.Parse)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, string? returnUrl, IOptions<SingleSignOnOptions> options,
        UserAccounts accounts, SignInManager<AppUser> signIn, AuditLog audit)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var person = external.Principal;
        var email = person?.FindFirstValue(options.Value.EmailClaim);
        if (!external.Succeeded || string.IsNullOrWhiteSpace(email))
        {
            return Results.Redirect($"{AccountsExtensions.SignInPath}?reason=sso-failed");
        }
        var roles = MappedRoles(person!, options.Value);
        var existing = await accounts.FindAnyAsync(email, context.RequestAborted);
        if (roles.Count == 0 || existing is { Disabled: true })
        {
            await audit.WriteAsync(email, "user.sign-in-failed", email, new { method = "sso", reason = roles.Count == 0 ? "no-mapped-role" : "disabled" }, ip);
            return Results.Redirect($"{AccountsExtensions.SignInPath}?reason={(roles.Count == 0 ? "sso-no-role" : "sso-disabled")}");
        }
        var result = existing is null
            ? await accounts.CreateAsync(email, roles, [], $"sso:{email}", ip, context.RequestAborted)
            : existing.Roles.Order().SequenceEqual(roles.Order()) ? new AccountResult(true, "")
            : await accounts.SetRolesAsync(email, roles, existing.Provinces.Count > 0 && roles.Contains(Roles.Operator) ? existing.Provinces : [],
                $"sso:{email}", ip, context.RequestAborted);
        if (!result.Succeeded)
        {
            return Results.Redirect($"{AccountsExtensions.SignInPath}?reason=sso-failed");
        }
        // A provider's person has no password here; a one-time one made for a new account is never shown.
        await accounts.KeepPasswordAsync(email, context.RequestAborted);
        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            return Results.Redirect($"{AccountsExtensions.SignInPath}?reason=sso-failed");
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme);
        await audit.WriteAsync(user.Email, "user.sign-in", user.Email, new { method = "sso", roles }, ip);
        await accounts.RecordSignInAsync(user.Id, context.RequestAborted);
        return Results.Redirect(SignInPage.SafeReturnUrl(returnUrl));
    }
}

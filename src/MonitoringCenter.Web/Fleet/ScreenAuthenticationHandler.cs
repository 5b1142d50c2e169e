using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// The "Screen" scheme: a valid, unrevoked <c>mc.screen</c> cookie makes a principal with role
/// Display and the screen's id (<see cref="ScreenClaims.Screen"/>). Checked against the database
/// on every request, so a revoked screen is refused at its next one. Only the wall policies and the
/// screen hub list this scheme; everything else stays for people.
/// </summary>
public sealed class ScreenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScreenRegistry screens,
    IOptionsMonitor<FleetOptions> fleet, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ScreenNameClaim = "mc:screen-name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(ScreenCredential.CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }
        var screen = await screens.FindByTokenAsync(token, Context.RequestAborted);
        if (screen is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked screen credential.");
        }
        if (AccountsExtensions.IsPage(Request))
        {
            // A paired screen's pages are never kept by a cache or shown again from history after a revoke.
            Response.Headers.CacheControl = "no-store";
            await RotateWhenDueAsync(screen, token);
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "screen:" + screen.Id.ToString("N")),
            new Claim(ClaimTypes.Role, Roles.Display),
            new Claim(ScreenClaims.Screen, screen.Id.ToString()),
            new Claim(ScreenNameClaim, screen.Name),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>
    /// Rotation: a page load on a credential older than <see cref="FleetOptions.CredentialRotation"/>
    /// takes a new one (a cookie on this response); the hub and polls never rotate, their Set-Cookie
    /// may not reach the browser's jar.
    /// </summary>
    private async Task RotateWhenDueAsync(ScreenIdentity screen, string token)
    {
        var options = fleet.CurrentValue;
        if (!screen.Current || screen.IssuedAt is { } issued && time.GetUtcNow() - issued < options.CredentialRotation)
        {
            return;
        }
        if (await screens.RotateAsync(screen.Id, token, Context.RequestAborted) is { } fresh)
        {
            Response.Cookies.Append(ScreenCredential.CookieName, fresh, ScreenCredential.Cookie(Request, options.CredentialLifetime));
        }
    }

    /// <summary>
    /// A wall page asked of a screen whose credential no longer stands goes back to <c>/screen</c> for a
    /// new code (after the person cookie's challenge, so this one wins); without a screen cookie the
    /// person's challenge (sign-in) stands; the screen hub gets a bare 401.
    /// </summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var hadCredential = Request.Cookies.ContainsKey(ScreenCredential.CookieName);
        if (hadCredential && AccountsExtensions.IsPage(Request))
        {
            Response.Cookies.Delete(ScreenCredential.CookieName);
            Response.Redirect(ScreenPaths.Screen);
            return Task.CompletedTask;
        }
        if (Request.Path.StartsWithSegments(ScreenPaths.Hub, StringComparison.OrdinalIgnoreCase))
        {
            // The bare status, not a status page re-rendered for it.
            if (Context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        return Task.CompletedTask;
    }
}

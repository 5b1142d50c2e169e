using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// A paired screen asking for something only people may see (the alert console, the admin pages) is
/// refused with 403, like a person with the Display role, rather than sent to a sign-in page it
/// cannot use. Those policies stay person-only: this changes the answer, not the decision.
/// </summary>
public sealed class ScreenRefusal : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged
            && context.Request.Cookies.ContainsKey(ScreenCredential.CookieName)
            && !policy.AuthenticationSchemes.Contains(ScreenClaims.Scheme)
            && (await context.AuthenticateAsync(ScreenClaims.Scheme)).Succeeded)
        {
            authorizeResult = PolicyAuthorizationResult.Forbid();
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Accounts;

/// <summary>The account pages' addresses, and sign-out (a form post from every desk page).</summary>
public static class AccountPages
{
    public const string ChangePasswordPath = "/account/password";

    public const string SignOutPath = "/sign-out";

    /// <summary>
    /// <c>POST /sign-out</c> ends this session; with <c>everywhere=true</c> every session of the
    /// account on every node (its security stamp changes). Antiforgery-checked like every form.
    /// </summary>
    internal static void MapSignOut(WebApplication app) =>
        app.MapPost(SignOutPath, async (HttpContext context, [FromForm] string? everywhere, SignInManager<AppUser> signIn,
                UserAccounts accounts, AuditLog audit) =>
            {
                var user = context.User;
                var actor = user.Actor();
                var ip = context.Connection.RemoteIpAddress?.ToString();
                if (everywhere == "true")
                {
                    await accounts.SignOutEverywhereAsync(actor, actor, ip, context.RequestAborted);
                }
                else
                {
                    await audit.WriteAsync(actor, "user.sign-out", actor, null, ip, cancellationToken: context.RequestAborted);
                }
                await signIn.SignOutAsync();
                return Results.Redirect($"{AccountsExtensions.SignInPath}?reason=signed-out");
            })
            .RequireAuthorization();
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Fleet;

public static class FleetExtensions
{
    /// <summary>Paired screens: the Screen scheme, the screen hub and its policy, pairing and the fleet's commands.</summary>
    public static WebApplicationBuilder AddFleet(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FleetOptions>().BindConfiguration(FleetOptions.Section)
            .Validate(o => o.NightDimming.Values.All(w => NightWindow.Parse(w) is not null), "Fleet:NightDimming windows must read HH:mm-HH:mm.")
            .Validate(o => o.PixelShiftInterval >= TimeSpan.FromSeconds(1), "Fleet:PixelShiftInterval must be at least a second.")
            .Validate(o => o.CodeLifetime >= TimeSpan.FromMinutes(1) && o.CodeLifetime <= TimeSpan.FromHours(1), "Fleet:CodeLifetime must be 1..60 minutes.")
            .Validate(o => o.CodesPerAddress >= 1 && o.WrongCodesPerAdmin >= 1 && o.RateWindow > TimeSpan.Zero, "Fleet: the pairing limits must be positive.")
            .Validate(o => o.ReportInterval >= TimeSpan.FromSeconds(1) && o.OfflineAfter > o.ReportInterval, "Fleet:OfflineAfter must be longer than Fleet:ReportInterval.")
            .Validate(o => o.PollInterval >= TimeSpan.FromMilliseconds(200) && o.CredentialLifetime >= TimeSpan.FromDays(1), "Fleet:PollInterval or CredentialLifetime too short.")
            .Validate(o => o.CredentialRotation >= TimeSpan.FromMinutes(1) && o.RotationGrace >= TimeSpan.Zero && o.RotationGrace < o.CredentialRotation,
                "Fleet:CredentialRotation must be at least a minute and longer than Fleet:RotationGrace.")
            .ValidateOnStart();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ScreenAuthenticationHandler>(ScreenClaims.Scheme, null);
        services.AddAuthorization(o => o.AddPolicy(ScreenClaims.Policy, p => p.AddAuthenticationSchemes(ScreenClaims.Scheme)
            .RequireAuthenticatedUser().RequireRole(Roles.Display).RequireClaim(ScreenClaims.Screen)));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScreenRefusal>();
        services.AddSingleton<ScreenRegistry>();
        services.AddSingleton<ScreenConnections>();
        services.AddSingleton<FleetChanges>();
        services.AddSingleton<FleetCommands>();
        services.AddSingleton<FleetRelay>();
        services.AddSingleton<INotificationHandler>(sp => sp.GetRequiredService<FleetRelay>());
        services.AddSingleton<AlertFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertFollower>());
        services.AddSignalR()
            .AddHubOptions<ScreenHub>(o => o.AddFilter<ScreenConnections>())
            .AddHubOptions<WallHub>(o => o.AddFilter<ScreenConnections>());
        return builder;
    }

    public static WebApplication MapFleet(this WebApplication app)
    {
        app.MapHub<ScreenHub>(ScreenPaths.Hub, o => o.Transports = HttpTransportType.WebSockets);
        app.MapGet(ScreenPaths.Poll, PollAsync).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The unpaired <c>/screen</c> page asks whether it was paired; the answer that says so also sets
    /// its credential cookie. A screen already holding a valid credential is told where to go.
    /// </summary>
    private static async Task<IResult> PollAsync(HttpContext context, ScreenRegistry screens, Microsoft.Extensions.Options.IOptions<FleetOptions> options)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Cookies.TryGetValue(ScreenCredential.CookieName, out var token) && await screens.FindByTokenAsync(token, context.RequestAborted) is { } screen)
        {
            return Results.Json(new { state = "paired", go = screen.StartView });
        }
        if (!PairingCookie.TryRead(context.Request, out var pending))
        {
            return Results.Json(new { state = "gone" });
        }
        var poll = await screens.PollAsync(pending.Id, pending.Claim, context.RequestAborted);
        switch (poll.State)
        {
            case PairingState.Paired:
                PairingCookie.Collected(context, poll.Token!, options.Value);
                return Results.Json(new { state = "paired", go = poll.StartView });
            case PairingState.Waiting:
                return Results.Json(new { state = "waiting" });
            default:
                context.Response.Cookies.Delete(ScreenCredential.PairingCookieName);
                return Results.Json(new { state = "gone" });
        }
    }
}

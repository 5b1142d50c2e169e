using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Accounts;

public static class AccountsExtensions
{
    public const string SignInPath = "/sign-in";

    /// <summary>
    /// Sign-in with ASP.NET Core Identity on our own tables, a cookie session, the role policies
    /// (every endpoint needs one: the fallback policy refuses what has none), data-protection
    /// keys in PostgreSQL, and the session checks of hubs and interactive pages.
    /// </summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .Validate(o => o.MaxFailedSignIns is >= 1 and <= 100, "Accounts:MaxFailedSignIns must be 1..100.")
            .Validate(o => o.LockoutDuration > TimeSpan.Zero, "Accounts:LockoutDuration must be positive.")
            .Validate(o => o.IdleTimeout >= TimeSpan.FromMinutes(1), "Accounts:IdleTimeout must be at least a minute.")
            .Validate(o => o.RevalidationInterval >= TimeSpan.FromSeconds(1), "Accounts:RevalidationInterval must be at least a second.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();

        services.AddDataProtection().SetApplicationName("MonitoringCenter");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, dataSource) => o.XmlRepository = new DataProtectionKeyStore(dataSource));

        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        SingleSignOn.Add(builder, authentication);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters += "+";
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();
        // Two-factor is the authenticator app only. Identity asks every provider whether it can serve an
        // account; the phone one needs a phone-number store we do not have (a 2FA sign-in then throws),
        // and the e-mail one would offer codes by mail, which we do not send.
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap.Remove(TokenOptions.DefaultPhoneProvider);
            o.Tokens.ProviderMap.Remove(TokenOptions.DefaultEmailProvider);
        });
        services.AddScoped<IUserStore<AppUser>, UserStore>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "mc.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = options.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.Events = new CookieAuthenticationEvents
            {
                // Every request: the account still exists, is enabled, and its stamp is the session's.
                OnValidatePrincipal = async context =>
                {
                    // Stylesheets, scripts, fonts and the sign-in page show nothing of the session: no read for them.
                    if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
                    {
                        return;
                    }
                    var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                    if (!await validator.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        context.HttpContext.Items[SessionEnded] = true;
                    }
                },
                // Pages go to sign-in; the hubs, the API and other non-page requests get a bare 401/403.
                OnRedirectToLogin = context =>
                {
                    if (!IsPage(context.Request))
                    {
                        Bare(context.HttpContext);
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }
                    var target = context.RedirectUri;
                    if (context.HttpContext.Items.ContainsKey(SessionEnded))
                    {
                        target += "&reason=expired";
                    }
                    context.Response.Redirect(target);
                    return Task.CompletedTask;
                },
                // A page says why (the status page for 403); other requests get the bare status.
                OnRedirectToAccessDenied = context =>
                {
                    if (!IsPage(context.Request))
                    {
                        Bare(context.HttpContext);
                    }
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });

        services.AddAuthorization(authorization =>
        {
            foreach (var (policy, roles) in Policies.RolesByPolicy)
            {
                authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
            // Walls also admit a paired screen (the "Screen" scheme of Fleet: its mc.screen cookie, role Display).
            authorization.AddPolicy(Policies.Walls, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, "Screen")
                .RequireAuthenticatedUser().RequireRole(Policies.RolesByPolicy[Policies.Walls]));
            // Secure by default: an endpoint that names no policy still needs a signed-in person with a
            // role. Under /api the source systems' keys govern instead (ApiKeyMiddleware), also for the
            // endpoints routing makes up there (415 for a wrong content type, 405).
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAssertion(context =>
                (context.Resource is HttpContext http && http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                || (context.User.Identity?.IsAuthenticated == true && Roles.All.Any(context.User.IsInRole))).Build();
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();

        services.AddSingleton<SessionValidator>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<INotificationHandler>(sp => sp.GetRequiredService<SessionRevocations>());
        services.AddSingleton<HubSessions>();
        services.AddSingleton<UserAccounts>();
        services.AddScoped<TwoFactorAccounts>();
        return builder;
    }

    private const string SessionEnded = "mc.session-ended";

    /// <summary>No status page: a hub or script refused gets the status alone, not a page re-rendered for it.</summary>
    private static void Bare(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    /// <summary>A browser navigating to a page, as opposed to a hub, the API, a script or the Blazor circuit.</summary>
    internal static bool IsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/internal", StringComparison.OrdinalIgnoreCase)
        && !request.Headers.XRequestedWith.Equals("XMLHttpRequest");

    /// <summary>
    /// Origin check, authentication, the first-sign-in password change, authorization, antiforgery,
    /// and no caching of anything a signed-in person was shown (the back button after sign-out
    /// must not show it).
    /// </summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseMiddleware<OriginCheck>();
        app.UseAuthentication();
        app.Use(static (context, next) =>
        {
            if (context.User.HasClaim(c => c.Type == AccountClaims.MustChangePassword) && !PasswordChangeAllowed(context.Request.Path))
            {
                if (IsPage(context.Request))
                {
                    context.Response.Redirect($"{AccountPages.ChangePasswordPath}?ReturnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
                }
                else
                {
                    Bare(context);
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }
                return Task.CompletedTask;
            }
            if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Response.OnStarting(static state =>
                {
                    var response = (HttpResponse)state;
                    if (!response.Headers.ContainsKey("Cache-Control") || response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
                    {
                        response.Headers.CacheControl = "no-store";
                    }
                    return Task.CompletedTask;
                }, context.Response);
            }
            return next(context);
        });
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    private static bool PasswordChangeAllowed(PathString path) =>
        path.StartsWithSegments(AccountPages.ChangePasswordPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(AccountPages.SignOutPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/not-found", StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapAccounts(this WebApplication app)
    {
        AccountPages.MapSignOut(app);
        SingleSignOn.Map(app);
        return app;
    }
}

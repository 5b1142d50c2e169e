namespace MonitoringCenter.Web.Components;

public static class WallExtensions
{
    /// <summary>
    /// Razor components: static SSR by default (the walls: no circuit, no blazor.web.js, pushed by
    /// our own hub), interactive Server for the desk pages that declare it (the alert console).
    /// </summary>
    public static WebApplicationBuilder AddWall(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // The alert console's audit entries keep the browser's address (its circuit's connection).
        builder.Services.AddHttpContextAccessor();
        // The scripts run the build output, not a publish: serve wwwroot (and its precompressed
        // copies) through the build's static web assets manifest in every environment.
        builder.WebHost.UseStaticWebAssets();
        // Vietnamese text goes out as characters, not as &#x...; entities.
        builder.Services.AddWebEncoders(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>Error and not-found pages, security headers, WebSockets.</summary>
    public static WebApplication UseWallPipeline(this WebApplication app)
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", "?code={0}");
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
        app.UseWebSockets();
        return app;
    }

    public static WebApplication MapWall(this WebApplication app)
    {
        // Stylesheets, scripts and the Blazor framework files: the sign-in page needs them too.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

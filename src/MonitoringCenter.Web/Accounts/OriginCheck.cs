using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Refuses a hub or circuit connection opened by a page of another site: browsers send
/// <c>Origin</c> with every WebSocket and cross-site request, and cookies go along, so without
/// this check any page a staff member visits could read the live figures. Programs that send no
/// Origin (the benchmarks, a .NET client) still need a session.
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IOptionsMonitor<AccountOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if ((request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
             || request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase))
            && request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !Allowed(origin, request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("Origin not allowed.");
        }
        return next(context);
    }

    private bool Allowed(string origin, HttpRequest request) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || options.CurrentValue.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}

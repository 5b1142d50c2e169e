using System.Diagnostics.CodeAnalysis;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// The unpaired screen's cookie: its request id, the secret that will collect the credential, and
/// the code (to show it again after a reload; the code is no secret from the screen showing it).
/// </summary>
public static class PairingCookie
{
    public sealed record Pending(Guid Id, string Claim, string Code, DateTimeOffset ExpiresAt);

    public static void Write(HttpContext context, PairingStart start, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        context.Response.Cookies.Append(ScreenCredential.PairingCookieName,
            $"{start.Id:N}.{start.Claim}.{start.Code}.{start.ExpiresAt.ToUnixTimeSeconds()}",
            ScreenCredential.Cookie(context.Request, options.CodeLifetime));
    }

    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out Pending? pending)
    {
        ArgumentNullException.ThrowIfNull(request);
        pending = null;
        if (request.Cookies.TryGetValue(ScreenCredential.PairingCookieName, out var value)
            && value?.Split('.') is [var id, var claim, var code, var expires]
            && Guid.TryParseExact(id, "N", out var guid)
            && PairingCode.Normalize(code) == code
            && long.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            pending = new Pending(guid, claim, code, DateTimeOffset.FromUnixTimeSeconds(seconds));
            return true;
        }
        return false;
    }

    /// <summary>The screen took its credential: the pairing cookie gives way to <c>mc.screen</c>.</summary>
    public static void Collected(HttpContext context, string token, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        context.Response.Cookies.Delete(ScreenCredential.PairingCookieName);
        context.Response.Cookies.Append(ScreenCredential.CookieName, token, ScreenCredential.Cookie(context.Request, options.CredentialLifetime));
    }
}

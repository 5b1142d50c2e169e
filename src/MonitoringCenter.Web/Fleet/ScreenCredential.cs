using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// A screen's credential and the pairing secret of an unpaired screen: 256 random bits, sent as an
/// HttpOnly cookie; the database keeps only the SHA-256, so a leaked table pairs nothing.
/// </summary>
public static class ScreenCredential
{
    /// <summary>The paired screen's cookie.</summary>
    public const string CookieName = "mc.screen";

    /// <summary>The unpaired screen's cookie: its pairing request and the secret that collects the credential.</summary>
    public const string PairingCookieName = "mc.screen-pairing";

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static CookieOptions Cookie(HttpRequest request, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = lifetime,
            IsEssential = true,
        };
    }
}

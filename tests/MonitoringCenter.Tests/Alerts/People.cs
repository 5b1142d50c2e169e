using System.Security.Claims;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>Signed-in people as the app's claims factory makes them: e-mail as name, roles, province claims.</summary>
internal static class People
{
    public static ClaimsPrincipal Operator(string email, params string[] provinces) => Principal(email, [Roles.Operator], provinces);

    public static ClaimsPrincipal Leader(string email) => Principal(email, [Roles.Leader], []);

    public static ClaimsPrincipal Principal(string email, string[] roles, string[] provinces) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, email), .. roles.Select(r => new Claim(ClaimTypes.Role, r)), .. provinces.Select(p => new Claim(AccountClaims.Province, p))],
            "test"));
}

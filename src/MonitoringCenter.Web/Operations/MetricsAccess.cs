using System.Net;
using Microsoft.AspNetCore.Authorization;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Web.Operations;

/// <summary>
/// Who may read <c>/metrics</c>: an Admin, or a scraper on this machine. A request that came
/// through a proxy (nginx sets <c>X-Forwarded-For</c>) is not local, even though the proxy connects
/// from loopback: only an Admin gets the metrics that way.
/// </summary>
public static class MetricsAccess
{
    public const string Policy = "metrics";

    public static void Configure(AuthorizationPolicyBuilder policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.RequireAssertion(context => context.User.IsInRole(Roles.Admin) || (context.Resource is HttpContext http && IsLocal(http)));
    }

    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            && !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded") && !headers.ContainsKey("X-Real-IP");
    }
}

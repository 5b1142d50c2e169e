using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Whether a signed-in principal's session still stands: its account exists, is not disabled,
/// and its security stamp is the one the session was issued with. One indexed read; checked on
/// every request, when a hub connection opens, and by open interactive pages. While the database
/// is unreachable the session is taken as standing (see the catch below).
/// </summary>
public sealed class SessionValidator(NpgsqlDataSource dataSource, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        if (user?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var id)
            || user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) is not { } stamp)
        {
            return false;
        }
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var current = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "select security_stamp from app_user where id = @id and disabled_at is null", new { id }, cancellationToken: cancellationToken));
            return current == stamp;
        }
        catch (Exception ex) when (DatabaseProblem.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            // The database is down: the signed, unexpired cookie stands until it can be checked again, so
            // screens say "database unavailable" and recover by themselves instead of losing their session.
            // Revocations made meanwhile are applied when the account-change feed reconnects.
            return true;
        }
    }

    /// <summary>The account id a principal was issued for, or null.</summary>
    public Guid? UserId(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var id) ? id : null;
}

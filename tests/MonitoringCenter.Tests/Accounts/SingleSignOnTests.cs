using System.Security.Claims;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>How a person of the ministry's single sign-on gets our roles from their claim.</summary>
[Trait("Category", "Unit")]
public sealed class SingleSignOnTests
{
    private static readonly SingleSignOnOptions Options = new()
    {
        Authority = "https://sso.example",
        ClientId = "monitoring-center",
        RoleClaim = "groups",
        RoleMap = new Dictionary<string, string> { ["THADS-LANHDAO"] = "Leader", ["THADS-DIEUHANH"] = "operator", ["THADS-QTHT"] = "Admin" },
    };

    [Fact]
    public void MappedValues_GiveOurRoles_InTheirCanonicalSpelling_OncePerRole()
    {
        var person = Person(("groups", "THADS-DIEUHANH"), ("groups", "THADS-LANHDAO"), ("groups", "THADS-LANHDAO"), ("email", "a@b.vn"));

        Assert.Equal([Roles.Leader, Roles.Operator], SingleSignOn.MappedRoles(person, Options));
    }

    [Fact]
    public void UnmappedValues_AndOtherClaims_GiveNoRole()
    {
        var person = Person(("groups", "KE-TOAN"), ("roles", "THADS-QTHT"));

        Assert.Empty(SingleSignOn.MappedRoles(person, Options));
    }

    private static ClaimsPrincipal Person(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "sso"));
}

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Authorization policies by what a page or endpoint shows or does. Every page, hub and endpoint
/// names one of these (or is on the short anonymous allow-list); the README's role matrix lists
/// them and the route-table test holds the app to it.
/// </summary>
public static class Policies
{
    /// <summary>Wall views and their hub: every role.</summary>
    public const string Walls = "walls";

    /// <summary>Desk pages that read (the alert console): Leader, Operator, Admin.</summary>
    public const string Desk = "desk";

    /// <summary>Acting on alerts: Operator (within their provinces), Admin.</summary>
    public const string AlertActions = "alert-actions";

    /// <summary>Issuing a directive to a province: Leader, Operator (not one limited to provinces: a province does not direct itself), Admin.</summary>
    public const string DirectiveIssue = "directive-issue";

    /// <summary>Answering a directive (acknowledge, progress, done): Operator (within their provinces), Admin.</summary>
    public const string DirectiveActions = "directive-actions";

    /// <summary>Review mode (meetings on frozen figures, exports, presenting to a room): Leader, Admin.</summary>
    public const string Review = "review";

    /// <summary>Administration: users, API keys, audit log, jobs dashboard.</summary>
    public const string Admin = "admin";

    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [Walls] = [Roles.Admin, Roles.Operator, Roles.Leader, Roles.Display],
        [Desk] = [Roles.Admin, Roles.Operator, Roles.Leader],
        [AlertActions] = [Roles.Admin, Roles.Operator],
        [DirectiveIssue] = [Roles.Admin, Roles.Leader, Roles.Operator],
        [DirectiveActions] = [Roles.Admin, Roles.Operator],
        [Review] = [Roles.Admin, Roles.Leader],
        [Admin] = [Roles.Admin],
    };
}

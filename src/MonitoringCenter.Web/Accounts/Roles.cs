namespace MonitoringCenter.Web.Accounts;

/// <summary>The four roles. A person holds one or more; a paired screen (a later issue) holds Display.</summary>
public static class Roles
{
    /// <summary>Users, API keys, targets, alert rules, screens, the audit log, the jobs dashboard.</summary>
    public const string Admin = "Admin";

    /// <summary>Acts on alerts; optionally only on some provinces' alerts.</summary>
    public const string Operator = "Operator";

    /// <summary>Reads everything; review mode.</summary>
    public const string Leader = "Leader";

    /// <summary>Walls only.</summary>
    public const string Display = "Display";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Leader, Display];

    /// <summary>The canonical spelling of a role name typed in any case, or null for no such role.</summary>
    public static string? Parse(string? text) =>
        All.FirstOrDefault(role => string.Equals(role, text?.Trim(), StringComparison.OrdinalIgnoreCase));
}

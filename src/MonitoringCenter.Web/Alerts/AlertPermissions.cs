using System.Security.Claims;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// Who may act on which alert: a role of <see cref="Policies.AlertActions"/>, and for an Operator
/// limited to some provinces, only those provinces' alerts. The console asks before it offers an
/// action and again when one is taken; <see cref="AlertCommands"/> holds the database to the same
/// rule, so a stale page or another caller cannot get round it.
/// </summary>
public static class AlertPermissions
{
    public static bool MayAct(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && Policies.RolesByPolicy[Policies.AlertActions].Any(user.IsInRole);
    }

    public static bool MayActOn(ClaimsPrincipal user, string? province) => MayAct(user) && user.MayActOn(province);

    /// <summary>The provinces whose alerts this person may act on; null for every alert (an Admin, an Operator without a scope).</summary>
    public static string[]? Scope(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Admin))
        {
            return null;
        }
        var scope = user.ProvinceScope();
        return scope.Count == 0 ? null : [.. scope.Order(StringComparer.Ordinal)];
    }

    /// <summary>Why this person may not act on an alert of <paramref name="province"/> shown as <paramref name="where"/>; null when they may.</summary>
    public static string? Refusal(ClaimsPrincipal user, string? province, string where)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return "Phiên đăng nhập đã kết thúc: hãy đăng nhập lại để xử lý cảnh báo.";
        }
        if (!MayAct(user))
        {
            return "Tài khoản này chỉ được xem: tiếp nhận, ghi chú, tạm ẩn hay kết thúc cảnh báo cần vai trò Operator (điều hành).";
        }
        return user.MayActOn(province)
            ? null
            : $"Cảnh báo này thuộc {where}: bạn chỉ xử lý được cảnh báo của tỉnh, thành phố được giao ({string.Join(", ", Scope(user) ?? [])}).";
    }
}

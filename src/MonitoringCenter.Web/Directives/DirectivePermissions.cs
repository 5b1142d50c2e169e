using System.Security.Claims;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Web.Directives;

/// <summary>
/// Who may do what with directives. Issuing: <see cref="Policies.DirectiveIssue"/>, except an
/// Operator limited to provinces (that is the province itself, which answers directives rather
/// than issues them). Answering (acknowledge, progress, done): <see cref="Policies.DirectiveActions"/>
/// within the person's provinces (<see cref="AccountClaims.MayActOn"/>). The board asks before it
/// offers an action; <see cref="DirectiveCommands"/> asks again and holds the database to it.
/// </summary>
public static class DirectivePermissions
{
    public static bool MayIssue(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !Policies.RolesByPolicy[Policies.DirectiveIssue].Any(user.IsInRole))
        {
            return false;
        }
        return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader) || user.ProvinceScope().Count == 0;
    }

    public static bool MayAnswer(ClaimsPrincipal user, string province)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && Policies.RolesByPolicy[Policies.DirectiveActions].Any(user.IsInRole) && user.MayActOn(province);
    }

    /// <summary>Why this person may not issue a directive; null when they may.</summary>
    public static string? IssueRefusal(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return "Phiên đăng nhập đã kết thúc: hãy đăng nhập lại để giao chỉ đạo.";
        }
        return MayIssue(user) ? null
            : "Tài khoản này không giao chỉ đạo được: cần vai trò Leader (lãnh đạo) hoặc Operator (điều hành) của Trung tâm; tài khoản của một tỉnh, thành phố chỉ tiếp nhận và báo cáo chỉ đạo.";
    }

    /// <summary>Why this person may not answer a directive to <paramref name="province"/> (named <paramref name="where"/>); null when they may.</summary>
    public static string? AnswerRefusal(ClaimsPrincipal user, string province, string where)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return "Phiên đăng nhập đã kết thúc: hãy đăng nhập lại để cập nhật chỉ đạo.";
        }
        if (!Policies.RolesByPolicy[Policies.DirectiveActions].Any(user.IsInRole))
        {
            return "Tài khoản này chỉ được xem: tiếp nhận, báo cáo tiến độ và hoàn thành chỉ đạo là việc của cán bộ điều hành (Operator) được giao tỉnh, thành phố.";
        }
        return user.MayActOn(province) ? null
            : $"Chỉ đạo này giao cho {where}: bạn chỉ cập nhật được chỉ đạo của tỉnh, thành phố được giao ({string.Join(", ", user.ProvinceScope().Order(StringComparer.Ordinal))}).";
    }
}

using System.Security.Claims;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// What the fleet page does to screens, one screen or a whole room: each time the person is checked
/// to still be an Admin (by session and by the database), each screen's action is audited, and the
/// command is pushed to the screen's hub group on every node (<see cref="FleetRelay"/>).
/// </summary>
public sealed class FleetCommands(
    ScreenRegistry screens,
    UserAccounts accounts,
    AuditLog audit,
    FleetRelay relay,
    FleetChanges changes)
{
    public const int IdentifySeconds = 10;

    /// <summary>The person's address when they are still an Admin, else null.</summary>
    public async Task<string?> AdminAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Admin) || user.HasClaim(c => c.Type == ScreenClaims.Screen))
        {
            return null;
        }
        return await accounts.FindAnyAsync(user.Actor(), cancellationToken) is { Disabled: false } account && account.Roles.Contains(Roles.Admin)
            ? account.Email
            : null;
    }

    public async Task<PairOutcome> PairAsync(ClaimsPrincipal user, string? code, string? name, string? room, string? startView, string? remoteIp,
        CancellationToken cancellationToken = default)
    {
        if (await AdminAsync(user, cancellationToken) is not { } actor)
        {
            return PairOutcome.Fail(NotAdmin);
        }
        var outcome = await screens.PairAsync(code, name, room, startView, actor, remoteIp, cancellationToken);
        changes.Notify();
        return outcome;
    }

    /// <summary>Carries out <paramref name="action"/> on the given screens (those still paired).</summary>
    public async Task<PairOutcome> ActAsync(ClaimsPrincipal user, ScreenAction action, IReadOnlyCollection<Guid> targets, string? path, string? remoteIp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (await AdminAsync(user, cancellationToken) is not { } actor)
        {
            return PairOutcome.Fail(NotAdmin);
        }
        path = path?.Trim();
        if (action == ScreenAction.Navigate && !ScreenPaths.IsView(path))
        {
            return PairOutcome.Fail("Trang cần chuyển tới phải là một trang màn hình lớn của hệ thống (bắt đầu bằng /wall).");
        }
        var names = (await screens.ListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var done = 0;
        foreach (var id in targets.Distinct())
        {
            if (!names.TryGetValue(id, out var name))
            {
                continue;
            }
            if (action == ScreenAction.Revoke)
            {
                if (!await screens.RevokeAsync(id, actor, remoteIp, cancellationToken))
                {
                    continue;
                }
                await relay.RevokedAsync(id, cancellationToken);
                done++;
                continue;
            }
            await audit.WriteAsync(actor, "screen." + action.ToString().ToLowerInvariant(), id.ToString(),
                action == ScreenAction.Navigate ? new { name, path } : new { name }, remoteIp, cancellationToken: cancellationToken);
            await (action switch
            {
                ScreenAction.Reload => relay.ReloadAsync(id, cancellationToken),
                ScreenAction.Navigate => relay.NavigateAsync(id, path!, cancellationToken),
                ScreenAction.Identify => relay.IdentifyAsync(id, name, IdentifySeconds, cancellationToken),
                ScreenAction.Dim => relay.SetDimmedAsync(id, true, cancellationToken),
                ScreenAction.Undim => relay.SetDimmedAsync(id, false, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(action)),
            });
            done++;
        }
        changes.Notify();
        return done == 0
            ? PairOutcome.Fail("Không có màn hình nào để thực hiện (có thể đã bị thu hồi).")
            : new PairOutcome(true, $"{Verb(action)}: {done} màn hình.");
    }

    /// <summary>
    /// Gives the screens the playlist in <paramref name="text"/> (see <see cref="Playlist"/>), audited per
    /// screen; each reloads and starts it at once.
    /// </summary>
    public async Task<PairOutcome> SetPlaylistAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> targets, string? text, string? remoteIp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (await AdminAsync(user, cancellationToken) is not { } actor)
        {
            return PairOutcome.Fail(NotAdmin);
        }
        if (Playlist.Parse(text, out var error) is not { } items)
        {
            return PairOutcome.Fail(error!);
        }
        var done = 0;
        foreach (var id in targets.Distinct())
        {
            var before = await screens.PlaylistAsync(id, cancellationToken);
            if (!await screens.SetPlaylistAsync(id, items, cancellationToken))
            {
                continue;
            }
            await audit.WriteAsync(actor, "screen.playlist", id.ToString(), new { before, after = items }, remoteIp, cancellationToken: cancellationToken);
            await relay.ReloadAsync(id, cancellationToken);
            done++;
        }
        changes.Notify();
        return done == 0
            ? PairOutcome.Fail("Không có màn hình nào để đặt danh sách phát (có thể đã bị thu hồi).")
            : new PairOutcome(true, items.Count == 0 ? $"Đã bỏ danh sách phát: {done} màn hình." : $"Đã đặt danh sách phát {items.Count} mục: {done} màn hình.");
    }

    private const string NotAdmin = "Bạn không có quyền quản lý màn hình (cần vai trò Admin): thao tác không được thực hiện.";

    private static string Verb(ScreenAction action) => action switch
    {
        ScreenAction.Reload => "Đã yêu cầu tải lại",
        ScreenAction.Navigate => "Đã chuyển trang",
        ScreenAction.Identify => "Đang hiện tên",
        ScreenAction.Dim => "Đã giảm sáng",
        ScreenAction.Undim => "Đã bỏ giảm sáng",
        ScreenAction.Revoke => "Đã thu hồi",
        _ => action.ToString(),
    };
}

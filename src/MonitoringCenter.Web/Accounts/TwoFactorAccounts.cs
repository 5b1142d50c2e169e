using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, Identity's authenticator token provider):
/// turning it on and off from <see cref="TwoFactorPages.SetUpPath"/>, and the code step of a sign-in
/// at <see cref="TwoFactorPages.SignInCodePath"/>. Each change is audited and, since it changes the
/// security stamp, ends the account's other sessions; this session is re-issued with the new stamp.
/// </summary>
public sealed partial class TwoFactorAccounts(UserManager<AppUser> users, SignInManager<AppUser> signIn, UserAccounts accounts,
    AuditLog audit, NpgsqlDataSource dataSource, AuthenticationStateProvider authenticationState)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The name authenticator apps show beside the account.</summary>
    public const string Issuer = "THADS";

    /// <summary>A new key (any earlier one stops working): the first step of turning two-factor sign-in on.</summary>
    public async Task<AuthenticatorSetUp> NewKeyAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TwoFactorEnabled)
        {
            throw new InvalidOperationException("Two-factor sign-in is already on; turn it off first.");
        }
        await users.ResetAuthenticatorKeyAsync(user);
        await StampChangedAsync(user);
        return SetUp(user.Email, (await users.GetAuthenticatorKeyAsync(user))!);
    }

    /// <summary>The key given by <see cref="NewKeyAsync"/>, to show again after a wrong code; null before one was made.</summary>
    public async Task<AuthenticatorSetUp?> CurrentKeyAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key ? SetUp(user.Email, key) : null;
    }

    /// <summary>Turns two-factor sign-in on once a code from the app proves the key was taken in; gives the recovery codes, once.</summary>
    public async Task<TwoFactorResult> EnableAsync(AppUser user, string? code, string? remoteIp)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TwoFactorEnabled)
        {
            return TwoFactorResult.Fail("Xác thực hai bước đã bật từ trước.");
        }
        if (await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 })
        {
            return TwoFactorResult.Fail("Chưa có khóa cho ứng dụng xác thực: bấm \"Bật xác thực hai bước\" để tạo khóa.");
        }
        if (!await VerifyAsync(user, code))
        {
            return TwoFactorResult.Fail("Mã không đúng. Kiểm tra đồng hồ của điện thoại và nhập mã 6 chữ số đang hiện trong ứng dụng.");
        }
        if (!(await users.SetTwoFactorEnabledAsync(user, true)).Succeeded)
        {
            return TwoFactorResult.Fail("Tài khoản vừa được thay đổi ở nơi khác: tải lại trang rồi thử lại.");
        }
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await StampChangedAsync(user);
        await audit.WriteAsync(user.Email, "user.2fa-on", user.Email, new { before = new { twoFactor = false }, after = new { twoFactor = true } }, remoteIp);
        return new TwoFactorResult(true, "Đã bật xác thực hai bước. Các phiên khác của tài khoản đã kết thúc.", codes);
    }

    /// <summary>Turns two-factor sign-in off, on a current code from the app.</summary>
    public async Task<TwoFactorResult> DisableAsync(AppUser user, string? code, string? remoteIp)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.TwoFactorEnabled)
        {
            return TwoFactorResult.Fail("Xác thực hai bước đang tắt.");
        }
        if (!await VerifyAsync(user, code))
        {
            return TwoFactorResult.Fail("Mã không đúng: nhập mã 6 chữ số đang hiện trong ứng dụng xác thực để tắt xác thực hai bước.");
        }
        if (!(await users.SetTwoFactorEnabledAsync(user, false)).Succeeded)
        {
            return TwoFactorResult.Fail("Tài khoản vừa được thay đổi ở nơi khác: tải lại trang rồi thử lại.");
        }
        // The old key and recovery codes must not work again if it is turned on later.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await StampChangedAsync(user);
        await audit.WriteAsync(user.Email, "user.2fa-off", user.Email, new { before = new { twoFactor = true }, after = new { twoFactor = false } }, remoteIp);
        return new TwoFactorResult(true, "Đã tắt xác thực hai bước.");
    }

    /// <summary>
    /// The second step of a sign-in whose password was right: a code from the app (six digits) or a
    /// recovery code (each works once). Audited like the password step.
    /// </summary>
    public async Task<(CodeSignInOutcome Outcome, AppUser? User)> SignInWithCodeAsync(string? code, string? remoteIp)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return (CodeSignInOutcome.Expired, null);
        }
        var typed = (code ?? "").Trim();
        var digits = Spaces().Replace(typed, "");
        var recovery = !SixDigits().IsMatch(digits);
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode(typed))
            : await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.WriteAsync(user.Email, "user.sign-in", user.Email, new { secondFactor = recovery ? "recovery-code" : "authenticator" }, remoteIp);
            await accounts.RecordSignInAsync(user.Id);
            return (CodeSignInOutcome.SignedIn, user);
        }
        var outcome = result.IsLockedOut ? CodeSignInOutcome.LockedOut : CodeSignInOutcome.WrongCode;
        await audit.WriteAsync(user.Email, "user.sign-in-failed", user.Email,
            new { reason = result.IsLockedOut ? "locked-out" : recovery ? "wrong-recovery-code" : "wrong-code" }, remoteIp);
        return (outcome, user);
    }

    /// <summary>How many unused recovery codes the account has left.</summary>
    public Task<int> RecoveryCodesLeftAsync(AppUser user) => users.CountRecoveryCodesAsync(user);

    private Task<bool> VerifyAsync(AppUser user, string? code)
    {
        var digits = Spaces().Replace(code ?? "", "");
        return SixDigits().IsMatch(digits)
            ? users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, digits)
            : Task.FromResult(false);
    }

    /// <summary>Identity changed the stamp: this session gets the new one, the account's other sessions (every node) end.</summary>
    private async Task StampChangedAsync(AppUser user)
    {
        await signIn.RefreshSignInAsync(user);
        if (users.GetUserId(signIn.Context.User) == user.Id.ToString() && authenticationState is IHostEnvironmentAuthenticationStateProvider host)
        {
            // The page goes on rendering in this request with the new stamp: otherwise the change notice
            // below, heard by this very request's session check, would take it for an ended session.
            var principal = await signIn.CreateUserPrincipalAsync(user);
            signIn.Context.User = principal;
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        }
        await using var connection = await dataSource.OpenConnectionAsync();
        await SessionRevocations.NotifyAsync(connection, user.Id);
    }

    /// <summary>The key in groups of four, lower case, as authenticator apps accept it typed; and the URI they read from it.</summary>
    internal static AuthenticatorSetUp SetUp(string email, string key)
    {
        var grouped = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        return new AuthenticatorSetUp(key, grouped, uri);
    }

    // Identity gives recovery codes as XXXXX-XXXXX in capitals; people type them in any case, with or without the dash.
    private static string RecoveryCode(string typed)
    {
        var bare = Spaces().Replace(typed, "").Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        return bare.Length == 10 ? $"{bare[..5]}-{bare[5..]}" : typed.ToUpperInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}

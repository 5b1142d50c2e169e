using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Accounts;

/// <summary>One account as the CLI and the admin pages list it.</summary>
public sealed record AccountSummary(
    Guid Id,
    string Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Provinces,
    bool Disabled,
    bool LockedOut,
    bool MustChangePassword,
    bool TwoFactorEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);

/// <summary>What an account change gives back: done, or why not (in words for the screen and the CLI).</summary>
public sealed record AccountResult(bool Succeeded, string Message, string? OneTimePassword = null)
{
    public static AccountResult Fail(string message) => new(false, message);
}

/// <summary>
/// Creating and changing accounts, for the <c>user</c> CLI and the admin pages: each change is
/// audited (who, what before and after) and ends the account's sessions on every node by changing
/// its security stamp. Passwords given out here are one-time: the next sign-in must change them.
/// </summary>
public sealed class UserAccounts(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task<AccountResult> CreateAsync(string email, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> provinces,
        string actor, string? remoteIp = null, CancellationToken cancellationToken = default)
    {
        if (Validate(email, roles, provinces) is { } problem)
        {
            return AccountResult.Fail(problem);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await FindAnyAsync(email, cancellationToken) is not null)
        {
            return AccountResult.Fail($"Địa chỉ {email} đã có tài khoản.");
        }
        var user = new AppUser { Id = Guid.NewGuid(), Email = email.Trim(), MustChangePassword = true };
        var password = OneTimePassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return AccountResult.Fail(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await SetRolesAndProvincesAsync(user.Id, roles, provinces, cancellationToken);
        await audit.WriteAsync(actor, "user.create", user.Email, new { after = new { roles, provinces } }, remoteIp, cancellationToken: cancellationToken);
        return new AccountResult(true, $"Đã tạo tài khoản {user.Email}.", password);
    }

    public async Task<AccountResult> SetRolesAsync(string email, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> provinces,
        string actor, string? remoteIp = null, CancellationToken cancellationToken = default)
    {
        if (Validate(email, roles, provinces) is { } problem)
        {
            return AccountResult.Fail(problem);
        }
        if (await FindAnyAsync(email, cancellationToken) is not { } before)
        {
            return AccountResult.Fail($"Không có tài khoản {email}.");
        }
        await SetRolesAndProvincesAsync(before.Id, roles, provinces, cancellationToken);
        await NewStampAsync(before.Id, cancellationToken);
        await audit.WriteAsync(actor, "user.roles", before.Email,
            new { before = new { roles = before.Roles, provinces = before.Provinces }, after = new { roles, provinces } }, remoteIp,
            cancellationToken: cancellationToken);
        return new AccountResult(true, $"Đã đổi vai trò của {before.Email}; các phiên đang mở đã kết thúc.");
    }

    public Task<AccountResult> DisableAsync(string email, string actor, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        SetDisabledAsync(email, true, actor, remoteIp, cancellationToken);

    public Task<AccountResult> EnableAsync(string email, string actor, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        SetDisabledAsync(email, false, actor, remoteIp, cancellationToken);

    private async Task<AccountResult> SetDisabledAsync(string email, bool disabled, string actor, string? remoteIp, CancellationToken cancellationToken)
    {
        if (await FindAnyAsync(email, cancellationToken) is not { } before)
        {
            return AccountResult.Fail($"Không có tài khoản {email}.");
        }
        if (before.Disabled == disabled)
        {
            return new AccountResult(true, disabled ? $"{before.Email} đã bị vô hiệu hóa từ trước." : $"{before.Email} đang hoạt động.");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update app_user set disabled_at = case when @disabled then now() end, security_stamp = @stamp where id = @id",
            new { before.Id, disabled, stamp = NewStamp() }, cancellationToken: cancellationToken));
        await SessionRevocations.NotifyAsync(connection, before.Id);
        await audit.WriteAsync(actor, disabled ? "user.disable" : "user.enable", before.Email,
            new { before = new { disabled = before.Disabled }, after = new { disabled } }, remoteIp, cancellationToken: cancellationToken);
        return new AccountResult(true, disabled ? $"Đã vô hiệu hóa {before.Email}; các phiên đang mở đã kết thúc." : $"Đã mở lại {before.Email}.");
    }

    public async Task<AccountResult> ResetPasswordAsync(string email, string actor, string? remoteIp = null, CancellationToken cancellationToken = default)
    {
        if (await FindAnyAsync(email, cancellationToken) is not { } before)
        {
            return AccountResult.Fail($"Không có tài khoản {email}.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var password = OneTimePassword();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            // Through the hasher Identity uses, also for a disabled account (which Identity does not find).
            var hash = users.PasswordHasher.HashPassword(new AppUser { Id = before.Id, Email = before.Email }, password);
            await connection.ExecuteAsync(new CommandDefinition("""
                update app_user set password_hash = @hash, must_change_password = true, security_stamp = @stamp,
                    concurrency_stamp = @stamp, access_failed_count = 0, lockout_end = null
                where id = @id
                """, new { before.Id, hash, stamp = NewStamp() }, cancellationToken: cancellationToken));
            await SessionRevocations.NotifyAsync(connection, before.Id);
        }
        await audit.WriteAsync(actor, "user.reset-password", before.Email, null, remoteIp, cancellationToken: cancellationToken);
        return new AccountResult(true, $"Đã đặt lại mật khẩu của {before.Email}; mật khẩu tạm phải đổi khi đăng nhập.", password);
    }

    /// <summary>Ends every session of the account, on every node, now.</summary>
    public async Task<AccountResult> SignOutEverywhereAsync(string email, string actor, string? remoteIp = null, CancellationToken cancellationToken = default)
    {
        if (await FindAnyAsync(email, cancellationToken) is not { } before)
        {
            return AccountResult.Fail($"Không có tài khoản {email}.");
        }
        await NewStampAsync(before.Id, cancellationToken);
        await audit.WriteAsync(actor, "user.sign-out-everywhere", before.Email, null, remoteIp, cancellationToken: cancellationToken);
        return new AccountResult(true, $"Mọi phiên của {before.Email} đã kết thúc.");
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(Select + " order by u.email", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    /// <summary>The account with this address, disabled or not.</summary>
    public async Task<AccountSummary?> FindAnyAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            Select + " where u.normalized_email = upper(@email)", new { email = email.Trim() }, cancellationToken: cancellationToken));
        return row?.ToSummary();
    }

    public async Task<IReadOnlyList<string>> ProvincesAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select province_code from app_user_province where user_id = @userId order by province_code", new { userId },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The demo Admin keeps its random password (printed by ./scripts/run on each start) instead of changing it.</summary>
    public async Task KeepPasswordAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("update app_user set must_change_password = false where normalized_email = upper(@email)",
            new { email = email.Trim() }, cancellationToken: cancellationToken));
    }

    public async Task RecordSignInAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("update app_user set last_sign_in_at = now() where id = @userId", new { userId },
            cancellationToken: cancellationToken));
    }

    /// <summary>A random password Identity's rules accept: 16 characters from letters and digits, each kind present.</summary>
    public static string OneTimePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        const string all = lower + upper + digits;
        var chars = new char[16];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static string? Validate(string email, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> provinces)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) || email.Trim().Length > 254)
        {
            return "Địa chỉ e-mail không hợp lệ.";
        }
        if (roles.Count == 0 || roles.Any(r => Roles.Parse(r) is null))
        {
            return $"Vai trò phải là một hoặc nhiều trong: {string.Join(", ", Roles.All)}.";
        }
        var unknown = provinces.Where(p => !Validation.ProvinceCodes.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            return $"Mã tỉnh không có: {string.Join(", ", unknown)}.";
        }
        if (provinces.Count > 0 && !roles.Any(r => Roles.Parse(r) == Roles.Operator))
        {
            return "Chỉ vai trò Operator được giới hạn theo tỉnh.";
        }
        return null;
    }

    private async Task SetRolesAndProvincesAsync(Guid id, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> provinces, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("delete from app_user_role where user_id = @id; delete from app_user_province where user_id = @id", new { id }, transaction);
        await connection.ExecuteAsync("insert into app_user_role (user_id, role) select @id, unnest(@roles)",
            new { id, roles = roles.Select(r => Roles.Parse(r)!).Distinct().ToArray() }, transaction);
        await connection.ExecuteAsync("insert into app_user_province (user_id, province_code) select @id, unnest(@provinces)",
            new { id, provinces = provinces.Distinct().ToArray() }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task NewStampAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("update app_user set security_stamp = @stamp where id = @id",
            new { id, stamp = NewStamp() }, cancellationToken: cancellationToken));
        await SessionRevocations.NotifyAsync(connection, id);
    }

    // The format Identity's own stamps have (base32 of 20 random bytes) is not needed: any new value ends the sessions.
    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    private const string Select = """
        select u.id, u.email, u.disabled_at, u.lockout_end, u.must_change_password, u.two_factor_enabled, u.created_at, u.last_sign_in_at,
               coalesce((select array_agg(role order by role) from app_user_role r where r.user_id = u.id), '{}') as roles,
               coalesce((select array_agg(province_code order by province_code) from app_user_province p where p.user_id = u.id), '{}') as provinces
        from app_user u
        """;

    private sealed class AccountRow
    {
        public Guid Id { get; init; }

        public string Email { get; init; } = "";

        public DateTime? DisabledAt { get; init; }

        public DateTime? LockoutEnd { get; init; }

        public bool MustChangePassword { get; init; }

        public bool TwoFactorEnabled { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime? LastSignInAt { get; init; }

        public string[] Roles { get; init; } = [];

        public string[] Provinces { get; init; } = [];

        public AccountSummary ToSummary() => new(Id, Email, Roles, Provinces, DisabledAt is not null,
            LockoutEnd is { } end && end > DateTime.UtcNow, MustChangePassword, TwoFactorEnabled, Utc(CreatedAt), LastSignInAt is { } at ? Utc(at) : null);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}

using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// Identity's user store on our own tables (migration 0060), with Dapper: one migration system,
/// one data access library. Roles are the fixed four (<see cref="Roles"/>), so there is no role
/// store. Identity changes the user object and then calls <see cref="UpdateAsync"/>; roles are
/// written at once, and Identity's following update changes the security stamp.
/// A disabled account is not found by id or address: Identity then refuses its sign-in and its
/// security-stamp check ends its sessions.
/// </summary>
public sealed class UserStore(NpgsqlDataSource dataSource) :
    IUserPasswordStore<AppUser>,
    IUserEmailStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserRoleStore<AppUser>,
    IUserTwoFactorStore<AppUser>,
    IUserAuthenticatorKeyStore<AppUser>,
    IUserTwoFactorRecoveryCodeStore<AppUser>
{
    internal const string Columns = """
        id, email, normalized_email, password_hash, security_stamp, concurrency_stamp, lockout_enabled,
        lockout_end, access_failed_count, two_factor_enabled, authenticator_key, recovery_codes,
        must_change_password, disabled_at, created_at, last_sign_in_at
        """;

    public void Dispose()
    {
        // The data source is the application's; nothing of our own to release.
    }

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var created = await connection.ExecuteAsync(new CommandDefinition("""
            insert into app_user (id, email, normalized_email, password_hash, security_stamp, concurrency_stamp, lockout_enabled,
                                  lockout_end, access_failed_count, two_factor_enabled, authenticator_key, recovery_codes,
                                  must_change_password)
            values (@Id, @Email, @NormalizedEmail, @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @LockoutEnabled,
                    @LockoutEnd, @AccessFailedCount, @TwoFactorEnabled, @AuthenticatorKey, @RecoveryCodes, @MustChangePassword)
            on conflict (normalized_email) do nothing
            """, user, cancellationToken: cancellationToken));
        return created == 1 ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var previous = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            update app_user set email = @Email, normalized_email = @NormalizedEmail, password_hash = @PasswordHash,
                security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp, lockout_enabled = @LockoutEnabled,
                lockout_end = @LockoutEnd, access_failed_count = @AccessFailedCount, two_factor_enabled = @TwoFactorEnabled,
                authenticator_key = @AuthenticatorKey, recovery_codes = @RecoveryCodes, must_change_password = @MustChangePassword
            where id = @Id and concurrency_stamp = @previous
            """, new
        {
            user.Id, user.Email, user.NormalizedEmail, user.PasswordHash, user.SecurityStamp, user.ConcurrencyStamp, user.LockoutEnabled,
            user.LockoutEnd, user.AccessFailedCount, user.TwoFactorEnabled, user.AuthenticatorKey, user.RecoveryCodes, user.MustChangePassword,
            previous,
        }, cancellationToken: cancellationToken));
        if (updated == 1)
        {
            return IdentityResult.Success;
        }
        user.ConcurrencyStamp = previous;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken) =>
        // Accounts are disabled, never deleted: the audit trail and alert history name them.
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "NoDelete", Description = "Accounts are disabled, not deleted." }));

    public Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? FindAsync("id = @id", new { id }, cancellationToken) : Task.FromResult<AppUser?>(null);

    public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByEmailAsync(normalizedUserName, cancellationToken);

    public Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindAsync("normalized_email = @normalizedEmail", new { normalizedEmail }, cancellationToken);

    private async Task<AppUser?> FindAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AppUser>(new CommandDefinition(
            $"select {Columns} from app_user where {where} and disabled_at is null", parameters, cancellationToken: cancellationToken));
    }

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).Id.ToString());

    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).Email);

    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken)
    {
        Checked(user).Email = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Checked(user).NormalizedEmail);

    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        Checked(user).NormalizedEmail = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        Checked(user).PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).PasswordHash);

    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).PasswordHash is not null);

    public Task SetEmailAsync(AppUser user, string? email, CancellationToken cancellationToken)
    {
        Checked(user).Email = email ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).Email);

    // Addresses are given by an Admin, not self-registered: they count as confirmed.
    public Task<bool> GetEmailConfirmedAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetEmailConfirmedAsync(AppUser user, bool confirmed, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> GetNormalizedEmailAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Checked(user).NormalizedEmail);

    public Task SetNormalizedEmailAsync(AppUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        Checked(user).NormalizedEmail = normalizedEmail ?? "";
        return Task.CompletedTask;
    }

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken)
    {
        Checked(user).SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).LockoutEnd);

    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        Checked(user).LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(++Checked(user).AccessFailedCount);

    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken)
    {
        Checked(user).AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).LockoutEnabled);

    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken)
    {
        Checked(user).LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public async Task AddToRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        var role = Roles.Parse(roleName) ?? throw new InvalidOperationException($"No role '{roleName}'.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into app_user_role (user_id, role) values (@id, @role) on conflict do nothing", new { Checked(user).Id, role },
            cancellationToken: cancellationToken));
    }

    public async Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from app_user_role where user_id = @id and role = @role", new { Checked(user).Id, role = Roles.Parse(roleName) },
            cancellationToken: cancellationToken));
    }

    public async Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select role from app_user_role where user_id = @id order by role", new { Checked(user).Id }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        (await GetRolesAsync(user, cancellationToken)).Contains(Roles.Parse(roleName) ?? roleName);

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AppUser>(new CommandDefinition($"""
            select {Columns} from app_user
            where disabled_at is null and id in (select user_id from app_user_role where role = @role)
            order by email
            """, new { role = Roles.Parse(roleName) }, cancellationToken: cancellationToken))).ToList();
    }

    public Task SetTwoFactorEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken)
    {
        Checked(user).TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken)
    {
        Checked(user).AuthenticatorKey = key;
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).AuthenticatorKey);

    public Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        Checked(user).RecoveryCodes = string.Join(';', recoveryCodes);
        return Task.CompletedTask;
    }

    public async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var codes = (Checked(user).RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!codes.Remove(code))
        {
            return false;
        }
        await ReplaceCodesAsync(user, codes, cancellationToken);
        return true;
    }

    public Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult((Checked(user).RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Length);

    private static AppUser Checked(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user;
    }
}

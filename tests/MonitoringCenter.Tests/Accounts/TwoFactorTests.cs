using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>
/// Two-factor sign-in through <see cref="TwoFactorAccounts"/> and Identity's real managers, each
/// step in a scope of its own with an HttpContext carrying the cookies the previous step set, as
/// the browser would; codes computed by the test from the key (RFC 6238).
/// </summary>
[Trait("Category", "Database")]
public sealed class TwoFactorTests : IAsyncLifetime
{
    private const string Email = "op@thads.test";

    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private string _password = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("twofactor");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.AddAccounts();
        });
        var accounts = _app.Services.GetRequiredService<UserAccounts>();
        _password = (await accounts.CreateAsync(Email, [Roles.Operator], [], "test")).OneTimePassword!;
        await accounts.KeepPasswordAsync(Email);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>One request: a scope, an HttpContext with <paramref name="cookies"/>, Identity's sign-in manager bound to it; the cookies set come back.</summary>
    private async Task<Dictionary<string, string>> RequestAsync(Func<IServiceProvider, Task> step, Dictionary<string, string>? cookies = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        if (cookies is { Count: > 0 })
        {
            context.Request.Headers.Cookie = string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
        }
        scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().Context = context;
        await step(scope.ServiceProvider);
        var set = new Dictionary<string, string>(cookies ?? [], StringComparer.Ordinal);
        foreach (var header in context.Response.Headers.SetCookie)
        {
            var pair = header!.Split(';')[0].Split('=', 2);
            set[pair[0]] = pair[1];
        }
        return set;
    }

    private async Task<string> TurnOnAsync()
    {
        string key = "";
        await RequestAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var twoFactor = services.GetRequiredService<TwoFactorAccounts>();
            var user = (await users.FindByEmailAsync(Email))!;
            var setUp = await twoFactor.NewKeyAsync(user);
            key = setUp.Key;
            Assert.StartsWith($"otpauth://totp/THADS:{Uri.EscapeDataString(Email)}?secret={key}", setUp.Uri, StringComparison.Ordinal);
            Assert.Equal(key.ToLowerInvariant(), setUp.GroupedKey.Replace(" ", "", StringComparison.Ordinal));

            var wrong = await twoFactor.EnableAsync(user, Totp.Wrong(key, DateTimeOffset.UtcNow), "127.0.0.1");
            Assert.False(wrong.Succeeded);
            Assert.False((await users.FindByEmailAsync(Email))!.TwoFactorEnabled);

            var on = await twoFactor.EnableAsync(user, Totp.Code(key, DateTimeOffset.UtcNow), "127.0.0.1");
            Assert.True(on.Succeeded, on.Message);
            Assert.Equal(TwoFactorAccounts.RecoveryCodeCount, on.RecoveryCodes!.Count);
        });
        return key;
    }

    private async Task<(SignInResult Result, Dictionary<string, string> Cookies)> PasswordStepAsync()
    {
        SignInResult result = SignInResult.Failed;
        var cookies = await RequestAsync(async services =>
            result = await services.GetRequiredService<SignInManager<AppUser>>().PasswordSignInAsync(Email, _password, false, true));
        return (result, cookies);
    }

    private async Task<(CodeSignInOutcome Outcome, Dictionary<string, string> Cookies)> CodeStepAsync(string code, Dictionary<string, string> cookies)
    {
        var outcome = CodeSignInOutcome.Expired;
        var after = await RequestAsync(async services =>
            (outcome, _) = await services.GetRequiredService<TwoFactorAccounts>().SignInWithCodeAsync(code, "127.0.0.1"), cookies);
        return (outcome, after);
    }

    [Fact]
    public async Task WithTwoFactorOn_ThePasswordAloneDoesNotSignIn_TheAppCodeDoes_AndAWrongCodeDoesNot()
    {
        var key = await TurnOnAsync();

        var (password, pending) = await PasswordStepAsync();
        Assert.True(password.RequiresTwoFactor);
        Assert.DoesNotContain("mc.session", pending.Keys);

        var (wrong, afterWrong) = await CodeStepAsync(Totp.Wrong(key, DateTimeOffset.UtcNow), pending);
        Assert.Equal(CodeSignInOutcome.WrongCode, wrong);
        Assert.DoesNotContain("mc.session", afterWrong.Keys);

        var (right, signedIn) = await CodeStepAsync(Totp.Code(key, DateTimeOffset.UtcNow), pending);
        Assert.Equal(CodeSignInOutcome.SignedIn, right);
        Assert.Contains("mc.session", signedIn.Keys);

        await using var connection = await _database.OpenAsync();
        var actions = (await connection.QueryAsync<string>("select action from audit_log where subject = @Email order by id", new { Email })).ToList();
        Assert.Equal(["user.2fa-on", "user.sign-in-failed", "user.sign-in"], actions.Where(a => a != "user.create"));
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce_AndNoPendingPasswordStep_IsExpired()
    {
        await TurnOnAsync();
        string code;
        await using (var connection = await _database.OpenAsync())
        {
            code = (await connection.ExecuteScalarAsync<string>("select recovery_codes from app_user where email = @Email", new { Email }))!.Split(';')[0];
        }

        var (_, pending) = await PasswordStepAsync();
        // Typed as people do: lower case, without the dash.
        var (first, _) = await CodeStepAsync(code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), pending);
        Assert.Equal(CodeSignInOutcome.SignedIn, first);

        var (_, again) = await PasswordStepAsync();
        var (second, _) = await CodeStepAsync(code, again);
        Assert.Equal(CodeSignInOutcome.WrongCode, second);

        var (none, _) = await CodeStepAsync(code, []);
        Assert.Equal(CodeSignInOutcome.Expired, none);
    }

    [Fact]
    public async Task TurningTwoFactorOff_NeedsACurrentCode_ThenThePasswordAloneSignsIn()
    {
        var key = await TurnOnAsync();

        await RequestAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var twoFactor = services.GetRequiredService<TwoFactorAccounts>();
            var user = (await users.FindByEmailAsync(Email))!;
            Assert.False((await twoFactor.DisableAsync(user, Totp.Wrong(key, DateTimeOffset.UtcNow), null)).Succeeded);
            Assert.True((await users.FindByEmailAsync(Email))!.TwoFactorEnabled);
            Assert.True((await twoFactor.DisableAsync(user, Totp.Code(key, DateTimeOffset.UtcNow), null)).Succeeded);
        });

        var (password, cookies) = await PasswordStepAsync();
        Assert.True(password.Succeeded);
        Assert.Contains("mc.session", cookies.Keys);
        await using var connection = await _database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*) from audit_log where action = 'user.2fa-off' and subject = @Email", new { Email }));
    }
}

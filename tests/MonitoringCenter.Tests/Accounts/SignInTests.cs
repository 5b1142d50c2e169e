using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>Sign-in, lockout, sessions and their end, through the real app and its real sign-in form.</summary>
[Trait("Category", "Database")]
public sealed class SignInTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("signin");
        _app = RunningApp.Start(_database.ConnectionString, new Dictionary<string, string> { ["Accounts:MaxFailedSignIns"] = "3" });
        await _app.Services.GetRequiredService<MonitoringCenter.Web.Platform.DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private UserAccounts Accounts => _app.Services.GetRequiredService<UserAccounts>();

    [Fact]
    public async Task WrongPassword_SaysSo_AndAfterThreeFailuresTheAccountIsLocked_EvenForTheRightPassword()
    {
        var created = await Accounts.CreateAsync("locked@test.local", [Roles.Leader], [], "test");
        await Accounts.KeepPasswordAsync("locked@test.local");

        var first = await Session.PostSignInAsync(_app, "locked@test.local", "wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("Sai địa chỉ e-mail hoặc mật khẩu.", first.Body, StringComparison.Ordinal);
        await Session.PostSignInAsync(_app, "locked@test.local", "wrong-password-2");
        var third = await Session.PostSignInAsync(_app, "locked@test.local", "wrong-password-3");
        var right = await Session.PostSignInAsync(_app, "locked@test.local", created.OneTimePassword!);

        Assert.Contains("Tài khoản tạm khóa", third.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("Tài khoản tạm khóa", right.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(right.Cookies.GetCookies(_app.Address), c => c.Name == "mc.session");
        Assert.True((await Accounts.FindAnyAsync("locked@test.local"))!.LockedOut);
        await using var connection = await _database.OpenAsync();
        var failures = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "select count(*) from audit_log where action = 'user.sign-in-failed' and subject = 'locked@test.local' and remote_ip is not null");
        Assert.Equal(4, failures);
    }

    [Fact]
    public async Task OneTimePassword_LeadsToThePasswordChange_BeforeAnyPage()
    {
        var created = await Accounts.CreateAsync("new@test.local", [Roles.Operator], ["79"], "test");

        var signIn = await Session.PostSignInAsync(_app, "new@test.local", created.OneTimePassword!);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        Assert.Equal("/account/password", new Uri(_app.Address, signIn.Body).AbsolutePath);
        var cookie = signIn.Cookies.GetCookies(_app.Address)["mc.session"]!;
        using var client = new Session("new@test.local", created.OneTimePassword!, cookie).Client(_app);
        var wall = await client.GetAsync(new Uri("/wall", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, wall.StatusCode);
        Assert.Equal("/account/password", new Uri(_app.Address, wall.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task DisabledAccount_IsToldSo_AndItsOpenSessionEnds()
    {
        var session = await Session.StartAsync(_app, [Roles.Leader], email: "leaving@test.local");
        using var client = session.Client(_app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/wall/provinces", UriKind.Relative))).StatusCode);

        await Accounts.DisableAsync("leaving@test.local", "test");
        var after = await client.GetAsync(new Uri("/wall/provinces", UriKind.Relative));
        var again = await Session.PostSignInAsync(_app, "leaving@test.local", session.Password);

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("reason=expired", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("vô hiệu hóa", again.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecurityStampChange_ClosesAnOpenHubConnection_AndItCannotReconnect()
    {
        var session = await Session.StartAsync(_app, [Roles.Display], email: "screen@test.local");
        await using var connection = Hub(session);
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);

        await Accounts.SignOutEverywhereAsync("screen@test.local", "test");

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var retry = Hub(session);
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => retry.StartAsync());
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubNegotiate_FromAForeignOrigin_IsRefused_FromOurOwnIsServed()
    {
        var session = await Session.StartAsync(_app, [Roles.Leader]);
        using var client = session.Client(_app);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, new Uri("/hubs/wall/negotiate?negotiateVersion=1", UriKind.Relative));
        foreign.Headers.Add("Origin", "http://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Post, new Uri("/hubs/wall/negotiate?negotiateVersion=1", UriKind.Relative));
        own.Headers.Add("Origin", _app.Address.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task Session_SurvivesARestart_BecauseTheKeysAreInPostgreSql()
    {
        var session = await Session.StartAsync(_app, [Roles.Leader]);
        await _app.DisposeAsync();
        _app = RunningApp.Start(_database.ConnectionString);

        using var client = session.Client(_app);
        var wall = await client.GetAsync(new Uri("/wall/provinces", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
    }

    private HubConnection Hub(Session session) => new HubConnectionBuilder()
        .WithUrl(_app.Url("/hubs/wall"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.Headers["Cookie"] = session.CookieHeader;
        })
        .Build();
}

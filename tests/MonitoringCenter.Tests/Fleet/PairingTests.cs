using System.Net;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Fleet;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Tests.Fleet;

/// <summary>Pairing a screen end to end over HTTP against the real app and PostgreSQL: the code, the credential, its limits, revoking.</summary>
[Trait("Category", "Database")]
public sealed class PairingTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    private FleetCommands Commands => _app.Services.GetRequiredService<FleetCommands>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("fleet");
        _app = RunningApp.Start(_database.ConnectionString);
        await _app.Services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task PairedCredential_OpensTheWall_ButNotTheDeskPages()
    {
        using var screen = new ScreenClient(_app);
        var code = await screen.ShowCodeAsync();
        Assert.Equal(("waiting", null), await screen.PollAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await screen.GetAsync("/wall")).StatusCode);

        var paired = await Commands.PairAsync(await ScreenClient.AdminAsync(_app), code.ToLowerInvariant(), "TV 1", "Phòng điều hành", "/wall/provinces", null);
        var poll = await screen.PollAsync();

        Assert.True(paired.Succeeded, paired.Message);
        Assert.Equal(("paired", "/wall/provinces"), poll);
        Assert.NotNull(screen.Credential);
        using var wall = await screen.GetAsync("/wall");
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        Assert.Contains("data-screen=\"true\"", await wall.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await screen.GetAsync("/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await screen.GetAsync("/admin/screens")).StatusCode);
        using var again = await screen.GetAsync("/screen");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/wall/provinces", new Uri(_app.Address, again.Headers.Location!).PathAndQuery);
        // Only the hash is kept.
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        var hash = await connection.QuerySingleAsync<byte[]>("select token_hash from screen where name = 'TV 1'");
        Assert.Equal(ScreenCredential.Hash(screen.Credential!), hash);
    }

    [Fact]
    public async Task Revoked_CredentialIsRefused_AndTheWallSendsTheScreenBackToANewCode()
    {
        using var screen = new ScreenClient(_app);
        var code = await screen.ShowCodeAsync();
        var admin = await ScreenClient.AdminAsync(_app);
        var paired = await Commands.PairAsync(admin, code, "TV 2", "Phòng họp", "/wall", "127.0.0.1");
        await screen.PollAsync();
        var revokedCookie = screen.Credential!;

        var revoked = await Commands.ActAsync(admin, ScreenAction.Revoke, [paired.ScreenId!.Value], null, "127.0.0.1");

        Assert.True(revoked.Succeeded, revoked.Message);
        using var wall = await screen.GetAsync("/wall");
        Assert.Equal(HttpStatusCode.Redirect, wall.StatusCode);
        Assert.Equal(ScreenPaths.Screen, wall.Headers.Location!.OriginalString);
        using var hub = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _app.Address };
        hub.DefaultRequestHeaders.Add("Cookie", $"{ScreenCredential.CookieName}={revokedCookie}");
        using var negotiate = await hub.PostAsync(new Uri("/hubs/screen/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        var newCode = await screen.ShowCodeAsync();
        Assert.NotEqual(code, newCode);
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        var actions = (await connection.QueryAsync<string>("select action from audit_log where action like 'screen.%' and subject = @subject order by id",
            new { subject = paired.ScreenId.Value.ToString() })).ToList();
        Assert.Equal(["screen.pair", "screen.credential", "screen.revoke"], actions);
    }

    [Fact]
    public async Task DueCredential_IsRotatedOnAPageLoad_AndTheOldOneLastsOnlyItsGrace()
    {
        using var screen = new ScreenClient(_app);
        var code = await screen.ShowCodeAsync();
        var paired = await Commands.PairAsync(await ScreenClient.AdminAsync(_app), code, "TV xoay", "Phòng họp", "/wall", null);
        await screen.PollAsync();
        var first = screen.Credential!;
        using (var fresh = await screen.GetAsync("/wall"))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.True(fresh.Headers.CacheControl?.NoStore, "a paired screen's page may be kept by a cache");
        }
        Assert.Equal(first, screen.Credential);

        // A week later (the default rotation): the next page load hands the screen a new credential.
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.ExecuteAsync("update screen set token_issued_at = now() - interval '8 days' where id = @id", new { id = paired.ScreenId!.Value });
        using (var due = await screen.GetAsync("/wall"))
        {
            Assert.Equal(HttpStatusCode.OK, due.StatusCode);
        }
        var second = screen.Credential!;
        Assert.NotEqual(first, second);
        Assert.Equal(ScreenCredential.Hash(second),
            await connection.QuerySingleAsync<byte[]>("select token_hash from screen where id = @id", new { id = paired.ScreenId.Value }));
        using (var next = await screen.GetAsync("/wall/provinces"))
        {
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }
        Assert.Equal(second, screen.Credential);

        // The old one still opens the wall during its grace (requests already on their way), and not after.
        using var old = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _app.Address };
        old.DefaultRequestHeaders.Add("Cookie", $"{ScreenCredential.CookieName}={first}");
        using (var inGrace = await old.GetAsync(new Uri("/wall", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, inGrace.StatusCode);
        }
        await connection.ExecuteAsync("update screen set previous_valid_until = now() - interval '1 second' where id = @id", new { id = paired.ScreenId.Value });
        using (var afterGrace = await old.GetAsync(new Uri("/wall", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, afterGrace.StatusCode);
            Assert.Equal(ScreenPaths.Screen, afterGrace.Headers.Location!.OriginalString);
        }
        Assert.Contains("screen.credential-rotated",
            await connection.QueryAsync<string>("select action from audit_log where subject = @subject", new { subject = paired.ScreenId.Value.ToString() }));
    }

    [Fact]
    public async Task UsedCode_IsRefused_TheSecondTime()
    {
        using var screen = new ScreenClient(_app);
        var code = await screen.ShowCodeAsync();
        var admin = await ScreenClient.AdminAsync(_app);

        var first = await Commands.PairAsync(admin, code, "TV 3", "Phòng A", "/wall", null);
        var second = await Commands.PairAsync(admin, code, "TV 3 bis", "Phòng A", "/wall", null);
        await screen.PollAsync();
        var third = await Commands.PairAsync(admin, code, "TV 3 ter", "Phòng A", "/wall", null);

        Assert.True(first.Succeeded, first.Message);
        Assert.False(second.Succeeded);
        Assert.False(third.Succeeded);
    }

    [Fact]
    public async Task SomeoneWhoOnlySawTheCode_CannotCollectTheCredential()
    {
        using var screen = new ScreenClient(_app);
        var code = await screen.ShowCodeAsync();
        await Commands.PairAsync(await ScreenClient.AdminAsync(_app), code, "TV 4", "Phòng A", "/wall", null);
        using var stranger = new ScreenClient(_app);

        Assert.Equal("gone", (await stranger.PollAsync()).State);
        Assert.Null(stranger.Credential);
        Assert.Equal("paired", (await screen.PollAsync()).State);
        Assert.Equal("paired", (await screen.PollAsync()).State);
    }

    [Fact]
    public async Task ExpiredCode_IsRefused_AndThePollSaysGone()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var registry = Registry(time);
        var start = await registry.StartPairingAsync("10.1.1.1");

        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var outcome = await registry.PairAsync(start!.Code, "TV 5", "Phòng A", "/wall", "admin@test.local", null);
        var poll = await registry.PollAsync(start.Id, start.Claim);

        Assert.False(outcome.Succeeded);
        Assert.Equal(PairingState.Gone, poll.State);
    }

    [Fact]
    public async Task WrongCodes_AreLimitedPerAdmin_EvenBeforeARightOne()
    {
        var registry = Registry(TimeProvider.System);
        var start = await registry.StartPairingAsync("10.2.2.2");
        var wrong = start!.Code[0] == 'A' ? "CCCCCC" : "AAAAAA";

        for (var i = 0; i < 5; i++)
        {
            Assert.False((await registry.PairAsync(wrong, "TV 6", "Phòng A", "/wall", "guesser@test.local", null)).Succeeded);
        }
        var right = await registry.PairAsync(start.Code, "TV 6", "Phòng A", "/wall", "guesser@test.local", null);
        var otherAdmin = await registry.PairAsync(start.Code, "TV 6", "Phòng A", "/wall", "other@test.local", null);

        Assert.False(right.Succeeded);
        Assert.Contains("quá 5 lần", right.Message, StringComparison.Ordinal);
        Assert.True(otherAdmin.Succeeded, otherAdmin.Message);
    }

    [Fact]
    public async Task CodeRequests_AreLimitedPerAddress()
    {
        var registry = Registry(TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            Assert.NotNull(await registry.StartPairingAsync("10.3.3.3"));
        }

        Assert.Null(await registry.StartPairingAsync("10.3.3.3"));
        Assert.NotNull(await registry.StartPairingAsync("10.3.3.4"));
    }

    [Fact]
    public async Task NonAdmin_CannotPairOrCommand()
    {
        using var screen = new ScreenClient(_app);
        var code = await screen.ShowCodeAsync();
        var leader = await ScreenClient.AdminAsync(_app, MonitoringCenter.Web.Accounts.Roles.Leader);

        var pair = await Commands.PairAsync(leader, code, "TV 7", "Phòng A", "/wall", null);

        Assert.False(pair.Succeeded);
        Assert.Equal(("waiting", null), await screen.PollAsync());
    }

    private ScreenRegistry Registry(TimeProvider time) => new(
        _app.Services.GetRequiredService<NpgsqlDataSource>(), _app.Services.GetRequiredService<AuditLog>(), time,
        _app.Services.GetRequiredService<IOptionsMonitor<FleetOptions>>());
}

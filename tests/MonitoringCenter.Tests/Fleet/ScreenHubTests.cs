using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Fleet;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Fleet;

/// <summary>A paired screen on its hub (a real SignalR client with the screen's cookie): its reports reach the fleet list, commands reach it.</summary>
[Trait("Category", "Database")]
public sealed class ScreenHubTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("fleethub");
        _app = RunningApp.Start(_database.ConnectionString);
        await _app.Services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Report_ShowsTheScreenOnline_AndCommandsReachIt_UntilRevoked()
    {
        var commands = _app.Services.GetRequiredService<FleetCommands>();
        var registry = _app.Services.GetRequiredService<ScreenRegistry>();
        var admin = await ScreenClient.AdminAsync(_app);
        using var screen = new ScreenClient(_app);
        var paired = await commands.PairAsync(admin, await screen.ShowCodeAsync(), "TV sảnh", "Sảnh", "/wall", null);
        await screen.PollAsync();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(_app.Url(ScreenPaths.Hub), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = $"{ScreenCredential.CookieName}={screen.Credential}";
            })
            .Build();
        var identified = new TaskCompletionSource<(string Name, int Seconds)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var navigated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var revoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<string, int>(nameof(IScreenClient.Identify), (name, seconds) => identified.TrySetResult((name, seconds)));
        hub.On<string>(nameof(IScreenClient.Navigate), path => navigated.TrySetResult(path));
        hub.On(nameof(IScreenClient.Revoked), () => revoked.TrySetResult());
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var changes = _app.Services.GetRequiredService<FleetChanges>();
        void OnChanged() => changed.TrySetResult();
        changes.Changed += OnChanged;
        await hub.StartAsync();
        Assert.Equal("offline", (await registry.ListAsync()).Single().Online ? "online" : "offline");

        await hub.InvokeAsync(nameof(ScreenHub.Report), new ScreenReport("/wall?interrupt=0", "abc123", 1920, 1080, 42, ["boom at wall.js:1"]));

        await changed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        changes.Changed -= OnChanged;
        var listed = (await registry.ListAsync()).Single();
        Assert.True(listed.Online);
        Assert.Equal("/wall?interrupt=0", listed.CurrentView);
        Assert.Equal("abc123", listed.BuildVersion);
        Assert.Equal("1920×1080", listed.Viewport);
        Assert.Equal(42, listed.UptimeSeconds);
        Assert.Equal(["boom at wall.js:1"], listed.Errors);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var identify = await commands.ActAsync(admin, ScreenAction.Identify, [paired.ScreenId!.Value], null, null);
        Assert.True(identify.Succeeded, identify.Message);
        Assert.Equal(("TV sảnh", 10), await identified.Task.WaitAsync(TimeSpan.FromSeconds(2)));
        await commands.ActAsync(admin, ScreenAction.Navigate, await registry.RoomAsync("Sảnh"), "/wall/provinces", null);
        Assert.Equal("/wall/provinces", await navigated.Task.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"Commands took {started.Elapsed.TotalMilliseconds:F0} ms.");
        Assert.False((await commands.ActAsync(admin, ScreenAction.Navigate, [paired.ScreenId.Value], "https://evil.example/", null)).Succeeded);

        await commands.ActAsync(admin, ScreenAction.Revoke, [paired.ScreenId.Value], null, null);

        await revoked.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(await registry.ListAsync());
    }

    [Fact]
    public async Task CommandsFromOneNode_ReachAScreenConnectedToAnother()
    {
        await using var other = RunningApp.Start(_database.ConnectionString);
        await other.Services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var commands = _app.Services.GetRequiredService<FleetCommands>();
        var admin = await ScreenClient.AdminAsync(_app);
        using var screen = new ScreenClient(other);
        var paired = await commands.PairAsync(admin, await screen.ShowCodeAsync(), "TV nút hai", "Sảnh", "/wall", null);
        await screen.PollAsync();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(other.Url(ScreenPaths.Hub), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = $"{ScreenCredential.CookieName}={screen.Credential}";
            })
            .Build();
        var identified = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<string, int>(nameof(IScreenClient.Identify), (name, _) => identified.TrySetResult(name));
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        // The other node's relay listens from its start; give its LISTEN a moment on a busy machine.
        await Task.Delay(500);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var identify = await commands.ActAsync(admin, ScreenAction.Identify, [paired.ScreenId!.Value], null, null);

        Assert.True(identify.Succeeded, identify.Message);
        Assert.Equal("TV nút hai", await identified.Task.WaitAsync(TimeSpan.FromSeconds(2)));
        Console.WriteLine($"identify from node A → screen on node B: {started.ElapsedMilliseconds} ms");
        var revoke = await commands.ActAsync(admin, ScreenAction.Revoke, [paired.ScreenId.Value], null, null);
        Assert.True(revoke.Succeeded, revoke.Message);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

}

using Dapper;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Tests.Screens;

/// <summary>The wall hub as a screen sees it: a real SignalR client (typed calls) against the real app and PostgreSQL.</summary>
[Trait("Category", "Database")]
public sealed class WallHubTests
{
    [Fact]
    public async Task Join_ReturnsTheFullSnapshot_ThenPushesOnlyWhatChanged_WithTheNextVersion()
    {
        await using var database = await LiveDatabase.CreateAsync("hubjoin");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        await using var connection = await ConnectAsync(app);
        var pushes = new List<ViewUpdate>();
        var pushed = new SemaphoreSlim(0);
        connection.On<ViewUpdate>(nameof(IWallClient.ViewChanged), update =>
        {
            lock (pushes)
            {
                pushes.Add(update);
            }
            pushed.Release();
        });
        await connection.StartAsync();

        var snapshot = await connection.InvokeAsync<ViewUpdate>(nameof(WallHub.Join), "province/01");

        Assert.True(snapshot.Full);
        Assert.Equal("province/01", snapshot.View);
        Assert.Contains("office-table", snapshot.Fragments.Keys);
        Assert.Contains("province-alerts", snapshot.Fragments.Keys);

        await database.AddCompletedCasesAsync("01", 3, completed: 3);

        Assert.True(await pushed.WaitAsync(TimeSpan.FromSeconds(20)), "No push reached the screen after a change.");
        ViewUpdate push;
        lock (pushes)
        {
            push = pushes[0];
        }
        Assert.False(push.Full);
        Assert.Equal(snapshot.Version, push.BaseVersion);
        Assert.True(push.Version > snapshot.Version);
        Assert.Contains("office-table", push.Fragments.Keys);
        // Only changed fragments travel: the alert list did not change.
        Assert.DoesNotContain("province-alerts", push.Fragments.Keys);
        Assert.NotEqual(snapshot.Fragments["office-table"], push.Fragments["office-table"]);
    }

    [Fact]
    public async Task Join_FixedPeriodView_IsItsOwnGroup_AndItsFragmentsKeepThePeriodInLinks()
    {
        await using var database = await LiveDatabase.CreateAsync("hubperiod");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        await using var connection = await ConnectAsync(app);
        await connection.StartAsync();
        var year = database.Clock.CurrentYear.Year;
        var key = $"provinces?year={year}&asOf={database.Clock.Today:yyyy-MM-dd}&sort=code";

        var snapshot = await connection.InvokeAsync<ViewUpdate>(nameof(WallHub.Join), key);

        Assert.Equal(key, snapshot.View);
        Assert.Contains($"/wall/provinces/01?year={year}&amp;asOf=", snapshot.Fragments["province-table"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("province/99")]
    [InlineData("wall?year=2025")]
    [InlineData("wall?asOf=2025-09-30&year=2025")]
    [InlineData("provinces?sort=sideways")]
    [InlineData("wall?map=bogus")]
    [InlineData("wall?map=status")]
    public async Task Join_UnknownOrNonCanonicalView_IsRefusedWithAReadableError(string view)
    {
        await using var database = await LiveDatabase.CreateAsync("hubrefuse");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        await using var connection = await ConnectAsync(app);
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<ViewUpdate>(nameof(WallHub.Join), view));

        Assert.Contains($"Unknown view '{view}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_WallWithAMapIndicator_IsItsOwnGroup_AndItsMapIsColouredByIt()
    {
        await using var database = await LiveDatabase.CreateAsync("hubmap");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        await using var connection = await ConnectAsync(app);
        await connection.StartAsync();

        var snapshot = await connection.InvokeAsync<ViewUpdate>(nameof(WallHub.Join), "wall?map=money");

        Assert.Equal("wall?map=money", snapshot.View);
        Assert.Contains("data-map=\"money\"", snapshot.Fragments["province-map"], StringComparison.Ordinal);
        Assert.Contains("map-legend", snapshot.Fragments["province-map"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_NationalWall_CarriesTheChartSeries()
    {
        await using var database = await LiveDatabase.CreateAsync("hubcharts");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        await using var connection = await ConnectAsync(app);
        await connection.StartAsync();

        var snapshot = await connection.InvokeAsync<ViewUpdate>(nameof(WallHub.Join), "wall");

        var charts = Assert.IsType<JsonElement>(snapshot.Charts);
        Assert.Equal(34, charts.GetProperty("ranking").GetProperty("codes").GetArrayLength());
        Assert.Contains("kpi-tiles", snapshot.Fragments.Keys);
    }

    /// <summary>A screen's connection, signed in as a Display.</summary>
    [Fact]
    public async Task AViewWaitingOnTheDatabase_DoesNotHoldBackThePushesOfTheOtherViews()
    {
        await using var database = await LiveDatabase.CreateAsync("hubslowview");
        await using var app = RunningApp.Start(database.Database.ConnectionString);
        // Three provinces' watch lists, which read the offices table, and the national wall, which does not.
        var pushed = new Dictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        var connections = new List<HubConnection>();
        try
        {
            foreach (var key in new[] { "watch/79", "watch/01", "watch/48", "wall" })
            {
                var connection = await ConnectAsync(app);
                var arrived = pushed[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.On<ViewUpdate>(nameof(IWallClient.ViewChanged), _ => arrived.TrySetResult());
                await connection.StartAsync();
                connections.Add(connection);
                await connection.InvokeAsync<ViewUpdate>(nameof(WallHub.Join), key);
            }
            await using var blocker = await database.Database.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await blocker.ExecuteAsync("lock table office in access exclusive mode", transaction: transaction);

            var publisher = app.Services.GetRequiredService<ViewPublisher>();
            var publishing = publisher.PublishAsync(publisher.Version + 1, CancellationToken.None);

            // Whatever order the views are taken in, the wall's push does not wait behind the stuck ones.
            await pushed["wall"].Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.False(pushed["watch/79"].Task.IsCompleted || pushed["watch/01"].Task.IsCompleted || pushed["watch/48"].Task.IsCompleted);
            await transaction.RollbackAsync();
            await publishing.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.WhenAll(pushed.Values.Select(p => p.Task)).WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<HubConnection> ConnectAsync(RunningApp app)
    {
        var session = await Session.StartAsync(app, [Roles.Display]);
        return new HubConnectionBuilder()
            .WithUrl(app.Url("/hubs/wall"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = session.CookieHeader;
            })
            .Build();
    }
}

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

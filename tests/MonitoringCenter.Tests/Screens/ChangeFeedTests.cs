using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Screens;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Tests.Screens;

/// <summary>The change feed of a running app against its own PostgreSQL database.</summary>
[Trait("Category", "Database")]
public sealed class ChangeFeedTests : IAsyncLifetime
{
    private LiveDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await LiveDatabase.CreateAsync("feed");
        _app = RunningApp.Start(_database.Database.ConnectionString);
        await Until(() => Task.FromResult(Listener.Connected), "the listener connects");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ChangeFeedListener Listener => _app.Services.GetRequiredService<ChangeFeedListener>();

    private async Task<long> CompletedTodayAsync()
    {
        var snapshot = await _app.Services.GetRequiredService<WallQueries>().NationalAsync(_database.Clock.CurrentYear.Year, _database.Clock.Today);
        return snapshot.Total.CasesCompleted;
    }

    private async Task<long> RefreshRunsAsync()
    {
        await using var connection = await _database.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("select count(*) from refresh_run");
    }

    [Fact]
    public async Task BurstOf1000Changes_CostsABoundedNumberOfRefreshes_AndEveryChangeArrives()
    {
        await Until(async () => await CompletedTodayAsync() == 7, "the start-up refresh settles");
        var runsBefore = await RefreshRunsAsync();

        // 1,000 separate committed changes, four writers at once.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async writer =>
        {
            for (var i = 0; i < 250; i++)
            {
                await _database.AddCompletedCasesAsync(writer % 2 == 0 ? "01" : "79", 1, 1);
            }
        }));
        await Until(async () => await CompletedTodayAsync() == 1007, "all 1,000 completions reach the read model");
        var runs = await RefreshRunsAsync() - runsBefore;

        Assert.InRange(runs, 1, 100);
    }

    [Fact]
    public async Task Listener_WhoseConnectionIsCut_ReconnectsAndKeepsDelivering()
    {
        var publisher = _app.Services.GetRequiredService<ViewPublisher>();
        await Until(async () => await CompletedTodayAsync() == 7, "the start-up refresh settles");
        var pid = Listener.BackendProcessId;

        await using (var connection = await _database.Database.OpenAsync())
        {
            Assert.True(await connection.ExecuteScalarAsync<bool>("select pg_terminate_backend(@pid)", new { pid }));
        }
        await Until(() => Task.FromResult(Listener.Reconnects == 1 && Listener.Connected), "the listener re-opens its connection");
        var version = publisher.Version;
        await _database.AddCompletedCasesAsync("01", 2, 2);

        await Until(async () => await CompletedTodayAsync() == 9, "a change after the cut is refreshed");
        await Until(() => Task.FromResult(publisher.Version > version), "the refresh's notification reaches the node");
        Assert.NotEqual(pid, Listener.BackendProcessId);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }
}

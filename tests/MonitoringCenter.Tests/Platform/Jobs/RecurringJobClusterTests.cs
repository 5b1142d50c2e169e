using Dapper;
using Hangfire;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Platform.Jobs;
using Xunit.Abstractions;

namespace MonitoringCenter.Tests.Platform.Jobs;

/// <summary>
/// Two app instances (two hosts, each with its Hangfire server) on one database: a recurring
/// job every two seconds for a minute runs each occurrence exactly once, on one of the nodes.
/// </summary>
[Trait("Category", "Database")]
public sealed class RecurringJobClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int EverySeconds = 2;
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> Settings = new() { ["Jobs:SchedulePollingInterval"] = "00:00:01" };

    private TestDatabase _database = default!;

    private sealed record Tick(long Occurrence, string Node, string JobId, DateTime RanAt);

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("jobcluster");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TwoNodes_JobEveryTwoSecondsForAMinute_EachOccurrenceRunsExactlyOnceOnOneNode()
    {
        await using var first = RunningApp.Start(_database.ConnectionString, Settings);
        await using var second = RunningApp.Start(_database.ConnectionString, Settings);
        RunningApp[] nodes = [first, second];
        foreach (var node in nodes)
        {
            await node.Services.GetRequiredService<JobStorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        }
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("""
            create table cluster_tick (occurrence bigint not null, node text not null, job_id text not null, ran_at timestamptz not null default clock_timestamp())
            """);

        // Both nodes register it, as they do their own recurring jobs. Strict misfire handling: an
        // occurrence a busy machine's scheduler reaches late is still created, so that a missing
        // one can only mean it was lost between the nodes.
        foreach (var node in nodes)
        {
            node.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ClusterTickJob>(ClusterTickJob.RecurringId,
                j => j.RecordAsync(null, CancellationToken.None), $"*/{EverySeconds} * * * * *",
                new RecurringJobOptions { MisfireHandling = MisfireHandlingMode.Strict });
        }
        var started = DateTimeOffset.UtcNow;
        await Task.Delay(RunFor);
        first.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(ClusterTickJob.RecurringId);
        var stopped = DateTimeOffset.UtcNow;
        await UntilNoTickIsPendingAsync(connection);

        var ticks = (await connection.QueryAsync<Tick>("select occurrence, node, job_id, ran_at from cluster_tick order by occurrence, ran_at")).ToList();
        var servers = await connection.ExecuteScalarAsync<long>("select count(*) from hangfire.server");
        var failed = await connection.ExecuteScalarAsync<long>("select count(*) from hangfire.job where statename = 'Failed'");
        foreach (var node in ticks.GroupBy(t => t.Node))
        {
            output.WriteLine($"{node.Key}: {node.Count()} occurrences");
        }
        var lag = ticks.Select(t => (new DateTimeOffset(DateTime.SpecifyKind(t.RanAt, DateTimeKind.Utc)) - DateTimeOffset.FromUnixTimeSeconds(t.Occurrence)).TotalSeconds).ToList();
        output.WriteLine($"{ticks.Count} runs of {ticks.Select(t => t.Occurrence).Distinct().Count()} occurrences in {(stopped - started).TotalSeconds:0} s; " +
            $"start after the scheduled second: median {lag.Order().ElementAtOrDefault(lag.Count / 2):0.0} s, max {lag.DefaultIfEmpty().Max():0.0} s");

        Assert.Equal(2, servers);
        Assert.Equal(0, failed);
        Assert.Empty(ticks.GroupBy(t => t.Occurrence).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Node))}"));
        Assert.Equal(ticks.Count, ticks.Select(t => t.JobId).Distinct().Count());
        var occurrences = ticks.Select(t => t.Occurrence).ToList();
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(EverySeconds, pair.Second - pair.First));
        // The schedule was followed from registration to removal, give or take a poll and a step.
        Assert.InRange(occurrences[0], started.ToUnixTimeSeconds() - 1, started.ToUnixTimeSeconds() + EverySeconds + 2);
        Assert.InRange(occurrences[^1], stopped.ToUnixTimeSeconds() - EverySeconds - 2, stopped.ToUnixTimeSeconds() + 1);
    }

    /// <summary>Occurrences already created when the schedule was removed still run: wait for them.</summary>
    private static async Task UntilNoTickIsPendingAsync(Npgsql.NpgsqlConnection connection)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await connection.ExecuteScalarAsync<long>("""
            select count(*) from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id
            where p.name = 'RecurringJobId' and p.value = @Id and j.statename not in ('Succeeded', 'Failed', 'Deleted')
            """, new { Id = $"\"{ClusterTickJob.RecurringId}\"" }) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the last occurrences finish within 60 s");
            await Task.Delay(200);
        }
    }
}

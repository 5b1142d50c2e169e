using Dapper;
using Hangfire.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace MonitoringCenter.Tests.Platform.Jobs;

/// <summary>
/// The cluster test's recurring job: records the occurrence it was created for (Hangfire's
/// <c>Time</c> parameter) and the node that ran it (the address its host listens on).
/// </summary>
public sealed class ClusterTickJob(NpgsqlDataSource dataSource, IServer server)
{
    public const string RecurringId = "test-cluster-tick";

    public async Task RecordAsync(PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context); // Hangfire passes its own.
        var occurrence = context.GetJobParameter<long>("Time");
        var node = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into cluster_tick (occurrence, node, job_id) values (@occurrence, @node, @JobId)",
            new { occurrence, node, JobId = context.BackgroundJob.Id }, cancellationToken: cancellationToken));
    }
}

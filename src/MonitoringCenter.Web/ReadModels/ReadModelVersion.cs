using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>The version of the read models: every committed refresh takes the next one and announces it.</summary>
public sealed class ReadModelVersion(NpgsqlDataSource dataSource)
{
    /// <summary>The version of the last committed refresh (0 before the first).</summary>
    public async Task<long> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select case when is_called then last_value else 0 end from kpi_version_seq", cancellationToken: cancellationToken));
    }
}

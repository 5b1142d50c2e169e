using Hangfire.PostgreSql;
using Npgsql;

namespace MonitoringCenter.Web.Platform.Jobs;

/// <summary>Hangfire's connections come from the application's one data source: same pool, same connect timeout.</summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}

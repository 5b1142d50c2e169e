using System.Reflection;
using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.Platform;

/// <summary>
/// Applies the embedded <c>Platform/Migrations/NNNN_name.sql</c> files in order, each once and in
/// its own transaction. A session advisory lock makes nodes that start together take turns.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x4D43_4D49_4752; // "MCMIGR"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("select pg_advisory_lock(@LockKey)", new { LockKey });
        try
        {
            await connection.ExecuteAsync("""
                create table if not exists schema_migration (
                    name       text primary key,
                    applied_at timestamptz not null default now()
                )
                """);
            var applied = (await connection.QueryAsync<string>("select name from schema_migration")).ToHashSet();
            var ran = new List<string>();
            foreach (var (name, sql) in Embedded())
            {
                if (applied.Contains(name))
                {
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync("insert into schema_migration (name) values (@name)", new { name }, transaction);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Migration}", name);
                ran.Add(name);
            }
            return ran;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    public static IEnumerable<(string Name, string Sql)> Embedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string prefix = "MonitoringCenter.Web.Platform.Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return (resource[prefix.Length..^".sql".Length], ReadResource(assembly, resource));
        }
    }

    internal static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

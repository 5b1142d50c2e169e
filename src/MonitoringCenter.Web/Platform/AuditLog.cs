using System.Text.Json;
using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.Platform;

/// <summary>
/// Writes the audit trail. Pass the caller's transaction when the action itself is written in
/// one, so the record and the action commit (or roll back) together.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(string actor, string action, string? subject, object? detail = null, string? remoteIp = null,
        NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        const string sql = """
            insert into audit_log (actor, action, subject, detail, remote_ip)
            values (@actor, @action, @subject, @detail::jsonb, @remoteIp)
            """;
        var parameters = new { actor, action, subject, detail = JsonSerializer.Serialize(detail ?? new { }), remoteIp };
        if (transaction?.Connection is { } connection)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            return;
        }
        await using var own = await dataSource.OpenConnectionAsync(cancellationToken);
        await own.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}

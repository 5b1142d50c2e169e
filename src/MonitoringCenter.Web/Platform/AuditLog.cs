using System.Text.Json;
using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.Platform;

/// <summary>
/// Writes the audit trail: who (<c>actor</c>), did what (<c>action</c>, e.g. <c>alert.acknowledge</c>),
/// to what (<c>subject</c>, an id, never personal data of parties), in which province if the action
/// concerned one (<c>province</c>, for filtering), from where (<c>remoteIp</c>); "when" is the
/// database's clock. Pass the caller's transaction when the action itself is written in one, so the
/// record and the action commit (or roll back) together.
/// <para>
/// What changed goes in <c>detail</c> as <c>{ "before": { ... }, "after": { ... } }</c>, each object
/// holding only the fields that matter to the change (a creation has no <c>before</c>, a removal no
/// <c>after</c>); other keys beside them are context (a note, a reason). <c>/admin/audit</c> shows
/// the two objects side by side, field by field.
/// </para>
/// The table is append-only and hash-chained (migration <c>0061_audit_chain</c>, <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public Task WriteAsync(string actor, string action, string? subject, object? detail = null, string? remoteIp = null,
        NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        WriteAsync(actor, action, subject, detail, remoteIp, province: null, transaction, cancellationToken);

    public async Task WriteAsync(string actor, string action, string? subject, object? detail, string? remoteIp, string? province,
        NpgsqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        const string sql = """
            insert into audit_log (actor, action, subject, province_code, detail, remote_ip)
            values (@actor, @action, @subject, @province, @detail::jsonb, @remoteIp)
            """;
        var parameters = new { actor, action, subject, province, detail = JsonSerializer.Serialize(detail ?? new { }), remoteIp };
        if (transaction?.Connection is { } connection)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            return;
        }
        await using var own = await dataSource.OpenConnectionAsync(cancellationToken);
        await own.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}

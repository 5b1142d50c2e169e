using Dapper;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// What operators do to alerts. Each action changes the alert, records the transition and writes
/// the audit log in one transaction. There is no sign-in yet: the operator names themself.
/// </summary>
public sealed class AlertCommands(NpgsqlDataSource dataSource, AuditLog audit, Clock clock)
{
    private sealed record Current(string State);

    public Task<bool> AcknowledgeAsync(long id, string actor, string? comment, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, "acknowledge", ["pending", "firing"], AlertState.Acknowledged, comment, remoteIp, """
            update alert set state = 'acknowledged', acknowledged_at = @now, acknowledged_by = @actor, updated_at = @now where id = @id
            """, null, cancellationToken);

    public Task<bool> CommentAsync(long id, string actor, string text, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, "comment", null, null, text, remoteIp, "update alert set updated_at = @now where id = @id", null, cancellationToken);

    public Task<bool> SnoozeAsync(long id, string actor, DateTimeOffset until, string? note, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, "snooze", ["pending", "firing", "acknowledged"], null,
            $"Tạm ẩn đến {Model.VietnameseFormat.Time(clock.Local(until))}" + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim()), remoteIp,
            "update alert set snoozed_until = @until, updated_at = @now where id = @id", until, cancellationToken);

    public Task<bool> ResolveAsync(long id, string actor, string reason, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        ActAsync(id, actor, "resolve", ["pending", "firing", "acknowledged"], AlertState.Resolved, reason, remoteIp, """
            update alert set state = 'resolved', resolved_at = @now, resolved_by = @actor, resolve_reason = @note, updated_at = @now where id = @id
            """, null, cancellationToken);

    /// <returns>false when the alert does not exist or is not in a state the action applies to.</returns>
    private async Task<bool> ActAsync(long id, string actor, string action, string[]? fromStates, AlertState? to, string? note, string? remoteIp,
        string sql, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        actor = actor.Trim();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var now = clock.Now.ToUniversalTime();
        until = until?.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QueryFirstOrDefaultAsync<Current>(new CommandDefinition(
            "select state from alert where id = @id for update", new { id }, transaction, cancellationToken: cancellationToken));
        if (current is null || (fromStates is not null && !fromStates.Contains(current.State)))
        {
            return false;
        }
        var from = AlertText.ParseState(current.State);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, actor, now, note, until }, transaction, cancellationToken: cancellationToken));
        await AlertEvaluator.TransitionAsync(connection, transaction, id, now, action, from, to ?? from, actor, note, cancellationToken);
        await audit.WriteAsync(actor, "alert." + action, $"alert:{id}", new { from = AlertText.Db(from), to = AlertText.Db(to ?? from), note, until },
            remoteIp, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

using System.Security.Claims;
using Dapper;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// What operators do to alerts, as the signed-in person <c>user</c>: the alert history and the audit
/// log name them (<see cref="AccountClaims.Actor"/>). Each action changes the alert, records the
/// transition and writes the audit log in one transaction. Who may act on which alert is checked
/// here, not only by the page (<see cref="AlertPermissions"/>): the row is read and updated only
/// within the person's provinces.
/// </summary>
public sealed class AlertCommands(NpgsqlDataSource dataSource, AuditLog audit, Clock clock)
{
    private sealed record Current(string State, string? Province);

    public Task<AlertActionOutcome> AcknowledgeAsync(long id, ClaimsPrincipal user, string? comment, string? remoteIp = null,
        CancellationToken cancellationToken = default) =>
        ActAsync(id, user, "acknowledge", ["pending", "firing"], AlertState.Acknowledged, comment, remoteIp, """
            update alert set state = 'acknowledged', acknowledged_at = @now, acknowledged_by = @actor, updated_at = @now where id = @id
            """, null, cancellationToken);

    public Task<AlertActionOutcome> CommentAsync(long id, ClaimsPrincipal user, string text, string? remoteIp = null,
        CancellationToken cancellationToken = default) =>
        ActAsync(id, user, "comment", null, null, text, remoteIp, "update alert set updated_at = @now where id = @id", null, cancellationToken);

    public Task<AlertActionOutcome> SnoozeAsync(long id, ClaimsPrincipal user, DateTimeOffset until, string? note, string? remoteIp = null,
        CancellationToken cancellationToken = default) =>
        ActAsync(id, user, "snooze", ["pending", "firing", "acknowledged"], null,
            $"Tạm ẩn đến {Model.VietnameseFormat.Time(clock.Local(until))}" + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim()), remoteIp,
            "update alert set snoozed_until = @until, updated_at = @now where id = @id", until, cancellationToken);

    public Task<AlertActionOutcome> ResolveAsync(long id, ClaimsPrincipal user, string reason, string? remoteIp = null,
        CancellationToken cancellationToken = default) =>
        ActAsync(id, user, "resolve", ["pending", "firing", "acknowledged"], AlertState.Resolved, reason, remoteIp, """
            update alert set state = 'resolved', resolved_at = @now, resolved_by = @actor, resolve_reason = @note, updated_at = @now where id = @id
            """, null, cancellationToken);

    // Appended to each action's UPDATE: a person limited to some provinces changes only their alerts,
    // whatever the checks above it concluded.
    private const string WithinScope = " and (@scope::text[] is null or subject = any(@scope))";

    private async Task<AlertActionOutcome> ActAsync(long id, ClaimsPrincipal user, string action, string[]? fromStates, AlertState? to, string? note,
        string? remoteIp, string sql, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!AlertPermissions.MayAct(user))
        {
            return AlertActionOutcome.Refused;
        }
        var actor = user.Actor();
        var scope = AlertPermissions.Scope(user);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var now = clock.Now.ToUniversalTime();
        until = until?.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QueryFirstOrDefaultAsync<Current>(new CommandDefinition("""
            select a.state, p.code as province from alert a left join province p on p.code = a.subject where a.id = @id for update of a
            """, new { id }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return AlertActionOutcome.NotApplicable;
        }
        if (!user.MayActOn(current.Province))
        {
            return AlertActionOutcome.Refused;
        }
        if (fromStates is not null && !fromStates.Contains(current.State))
        {
            return AlertActionOutcome.NotApplicable;
        }
        var from = AlertText.ParseState(current.State);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql + WithinScope, new { id, actor, now, note, until, scope },
            transaction, cancellationToken: cancellationToken));
        if (changed != 1)
        {
            return AlertActionOutcome.Refused;
        }
        await AlertEvaluator.TransitionAsync(connection, transaction, id, now, action, from, to ?? from, actor, note, cancellationToken);
        await audit.WriteAsync(actor, "alert." + action, $"alert:{id}",
            new { before = new { state = AlertText.Db(from) }, after = new { state = AlertText.Db(to ?? from), until }, note },
            remoteIp, current.Province, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AlertActionOutcome.Done;
    }
}

using System.Security.Claims;
using Dapper;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Directives;

/// <summary>
/// Issuing and answering directives as the signed-in person: each change updates the directive,
/// appends to its history and writes the audit log (naming <see cref="AccountClaims.Actor"/>) in
/// one transaction. Permissions are checked here as well as on the page
/// (<see cref="DirectivePermissions"/>), and the UPDATE itself is limited to the person's provinces.
/// </summary>
public sealed class DirectiveCommands(NpgsqlDataSource dataSource, AuditLog audit, Clock clock)
{
    private sealed record Current(string State, string ProvinceCode, short Progress);

    public async Task<IssueResult> IssueAsync(DirectiveDraft draft, ClaimsPrincipal user, string? remoteIp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(user);
        if (!DirectivePermissions.MayIssue(user))
        {
            return new IssueResult(DirectiveOutcome.Refused, null);
        }
        var actor = user.Actor();
        var now = clock.Now.ToUniversalTime();
        var title = draft.Title.Trim();
        var body = string.IsNullOrWhiteSpace(draft.Body) ? null : draft.Body.Trim();
        var responsible = draft.Responsible.Trim();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // What it refers to must exist: the province, and the alert or review note it came from.
        var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from province where code = @ProvinceCode)
               and (@AlertId::bigint is null or exists (select 1 from alert where id = @AlertId))
               and (@ReviewNoteId::bigint is null or exists (select 1 from review_note where id = @ReviewNoteId))
            """, new { draft.ProvinceCode, draft.AlertId, draft.ReviewNoteId }, transaction, cancellationToken: cancellationToken));
        if (!known)
        {
            return new IssueResult(DirectiveOutcome.NotApplicable, null);
        }
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into directive (province_code, title, body, due_on, responsible, alert_id, review_note_id, issued_by, issued_at, updated_at)
            values (@ProvinceCode, @title, @body, @dueOn, @responsible, @AlertId, @ReviewNoteId, @actor, @now, @now)
            returning id
            """, new { draft.ProvinceCode, title, body, dueOn = draft.DueOn, responsible, draft.AlertId, draft.ReviewNoteId, actor, now },
            transaction, cancellationToken: cancellationToken));
        await EventAsync(connection, transaction, id, now, "issue", actor, title, 0, cancellationToken);
        await audit.WriteAsync(actor, "directive.issue", $"directive:{id}",
            new { after = new { state = "issued", title, dueOn = draft.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), responsible, alert = draft.AlertId, reviewNote = draft.ReviewNoteId } },
            remoteIp, draft.ProvinceCode, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssueResult(DirectiveOutcome.Done, id);
    }

    public Task<DirectiveOutcome> AcknowledgeAsync(long id, ClaimsPrincipal user, string? note, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        AnswerAsync(id, user, "acknowledge", ["issued"], DirectiveState.Acknowledged, note, null, remoteIp, cancellationToken);

    /// <summary>A progress report (0..100 %); a report on a directive not acknowledged yet acknowledges it.</summary>
    public Task<DirectiveOutcome> ReportProgressAsync(long id, ClaimsPrincipal user, int progress, string note, string? remoteIp = null,
        CancellationToken cancellationToken = default) =>
        progress is < 0 or > 100
            ? throw new ArgumentOutOfRangeException(nameof(progress), progress, "Progress is a percentage.")
            : AnswerAsync(id, user, "progress", ["issued", "acknowledged"], DirectiveState.Acknowledged, note, progress, remoteIp, cancellationToken);

    public Task<DirectiveOutcome> CompleteAsync(long id, ClaimsPrincipal user, string note, string? remoteIp = null, CancellationToken cancellationToken = default) =>
        AnswerAsync(id, user, "done", ["issued", "acknowledged"], DirectiveState.Done, note, 100, remoteIp, cancellationToken);

    // Appended to each answer's UPDATE: a person limited to some provinces changes only their directives.
    private const string WithinScope = " and (@scope::text[] is null or province_code = any(@scope))";

    private async Task<DirectiveOutcome> AnswerAsync(long id, ClaimsPrincipal user, string action, string[] fromStates, DirectiveState to, string? note,
        int? progress, string? remoteIp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var actor = user.Actor();
        var scope = user.IsInRole(Roles.Admin) || user.ProvinceScope().Count == 0 ? null : user.ProvinceScope().Order(StringComparer.Ordinal).ToArray();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var now = clock.Now.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QueryFirstOrDefaultAsync<Current>(new CommandDefinition(
            "select state, province_code, progress from directive where id = @id for update",
            new { id }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return DirectiveOutcome.NotApplicable;
        }
        if (!DirectivePermissions.MayAnswer(user, current.ProvinceCode))
        {
            return DirectiveOutcome.Refused;
        }
        if (!fromStates.Contains(current.State))
        {
            return DirectiveOutcome.NotApplicable;
        }
        var state = DirectiveText.Db(to);
        var newProgress = progress ?? current.Progress;
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            update directive set state = @state, progress = @newProgress, updated_at = @now,
                acknowledged_by = coalesce(acknowledged_by, @actor), acknowledged_at = coalesce(acknowledged_at, @now),
                done_by = case when @state = 'done' then @actor end, done_at = case when @state = 'done' then @now end
            where id = @id
            """ + WithinScope, new { id, state, newProgress, now, actor, scope }, transaction, cancellationToken: cancellationToken));
        if (changed != 1)
        {
            return DirectiveOutcome.Refused;
        }
        await EventAsync(connection, transaction, id, now, action, actor, note, progress, cancellationToken);
        await audit.WriteAsync(actor, "directive." + action, $"directive:{id}",
            new { before = new { state = current.State, progress = current.Progress }, after = new { state, progress = newProgress }, note },
            remoteIp, current.ProvinceCode, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DirectiveOutcome.Done;
    }

    private static async Task EventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, DateTimeOffset at, string action, string actor,
        string? note, int? progress, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into directive_event (directive_id, at, action, actor, note, progress) values (@id, @at, @action, @actor, @note, @progress)
            """, new { id, at, action, actor, note, progress = (short?)progress }, transaction, cancellationToken: cancellationToken));
}

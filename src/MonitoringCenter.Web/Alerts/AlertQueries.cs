using Dapper;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Alerts;

/// <remarks>
/// Pending, firing and acknowledged leave out snoozed alerts, which have a filter of their own: the
/// four partition the active alerts, so the console's counts add up.
/// </remarks>
public enum AlertFilter
{
    Active,
    Firing,
    Acknowledged,
    Pending,
    Resolved,
    All,
    Snoozed,
}

/// <summary>Alerts for the ticker, the interruption, the console and the province page.</summary>
public sealed class AlertQueries(NpgsqlDataSource dataSource, Clock clock)
{
    private sealed record Row(long Id, string Rule, string Subject, string? SubjectName, short Severity, string State, string Message,
        decimal Value, decimal Threshold, DateTime ConditionSince, DateTime? FiredAt, DateTime? AcknowledgedAt, string? AcknowledgedBy,
        DateTime? ResolvedAt, string? ResolvedBy, string? ResolveReason, DateTime? SnoozedUntil, DateTime UpdatedAt);

    private sealed record TransitionRow(long Id, DateTime At, string Action, string? FromState, string ToState, string Actor, string? Note);

    private const string Select = """
        select a.id, a.rule, a.subject, p.name_vi as subject_name, a.severity, a.state, a.message, a.value, a.threshold,
               a.condition_since, a.fired_at, a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_by, a.resolve_reason,
               a.snoozed_until, a.updated_at
        from alert a left join province p on p.code = a.subject
        """;

    /// <summary>Firing and acknowledged alerts that are not snoozed: worst first, unacknowledged before acknowledged, newest first.</summary>
    public async Task<AlertTickerModel> TickerAsync(int limit = 6, CancellationToken cancellationToken = default)
    {
        var now = clock.Now.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Select + """

            where a.state in ('firing', 'acknowledged') and (a.snoozed_until is null or a.snoozed_until <= @now)
            order by a.severity desc, (a.state = 'firing') desc, a.fired_at desc, a.id desc
            """, new { now }, cancellationToken: cancellationToken))).ToList();
        return new AlertTickerModel([.. rows.Take(limit).Select(View)], rows.Count, clock.Local(now));
    }

    /// <summary>
    /// The newest critical alert that fired recently and nobody has acknowledged or snoozed. The
    /// ticker already holds it when there is one (it lists unsnoozed alerts critical first, firing
    /// before acknowledged, newest first), so a screen's load needs no second query.
    /// </summary>
    public static AlertInterruptionModel Interruption(AlertTickerModel ticker, TimeSpan showFor)
    {
        var since = ticker.Now - showFor;
        var first = ticker.Alerts.Count > 0 ? ticker.Alerts[0] : null;
        return new AlertInterruptionModel(
            first is { Severity: AlertSeverity.Critical, State: AlertState.Firing, FiredAt: { } fired } && fired >= since ? first : null);
    }

    public async Task<IReadOnlyList<AlertView>> ListAsync(AlertFilter filter, AlertSeverity? severity = null, string? subject = null, int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var buckets = AlertCounts.BucketsOf(filter).ToArray();
        var now = clock.Now.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Select + $"""

            where {Bucket} = any(@buckets) and (@severity::smallint is null or a.severity = @severity) and (@subject::text is null or a.subject = @subject)
            order by (a.state = 'resolved'), a.severity desc, (a.state = 'firing') desc, coalesce(a.fired_at, a.condition_since) desc, a.id desc
            limit @limit
            """, new { buckets, now, severity = (short?)severity, subject, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(View)];
    }

    /// <summary>How many alerts each filter and severity would show, for the console's filter buttons.</summary>
    public async Task<AlertCounts> CountsAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        var now = clock.Now.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertCounts.Bucket>(new CommandDefinition($"""
            select {Bucket} as name, a.severity, count(*)::int as count
            from alert a
            where @subject::text is null or a.subject = @subject
            group by 1, 2
            """, new { now, subject }, cancellationToken: cancellationToken));
        return new AlertCounts([.. rows]);
    }

    /// <summary>Per province, how many of its alerts the ticker counts (firing or acknowledged, not snoozed) and the worst one's severity: the map's badges.</summary>
    public async Task<IReadOnlyDictionary<string, ProvinceAlertCount>> ActiveByProvinceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.Now.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Subject, int Count, short Severity)>(new CommandDefinition("""
            select a.subject, count(*)::int, max(a.severity)
            from alert a join province p on p.code = a.subject
            where a.state in ('firing', 'acknowledged') and (a.snoozed_until is null or a.snoozed_until <= @now)
            group by a.subject
            """, new { now }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Subject, r => new ProvinceAlertCount(r.Count, (AlertSeverity)r.Severity), StringComparer.Ordinal);
    }

    /// <summary>The newest alert transition's id: it moves whenever any alert changes state or gets a note.</summary>
    public async Task<long> LastTransitionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(max(id), 0) from alert_transition", cancellationToken: cancellationToken));
    }

    // Which of the console's buckets (AlertCounts.BucketsOf) an alert is in; needs @now.
    private const string Bucket = "(case when a.state <> 'resolved' and a.snoozed_until > @now then 'snoozed' else a.state end)";

    public async Task<AlertView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(Select + "\nwhere a.id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : View(row);
    }

    public async Task<IReadOnlyList<AlertTransitionView>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TransitionRow>(new CommandDefinition("""
            select id, at, action, from_state, to_state, actor, note from alert_transition where alert_id = @id order by id
            """, new { id }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new AlertTransitionView(r.Id, Local(r.At), r.Action,
            r.FromState is { } f ? AlertText.ParseState(f) : null, AlertText.ParseState(r.ToState), r.Actor, r.Note))];
    }

    private AlertView View(Row r) => new(r.Id, r.Rule, r.Subject, r.SubjectName, (AlertSeverity)r.Severity, AlertText.ParseState(r.State), r.Message,
        r.Value, r.Threshold, Local(r.ConditionSince), Local(r.FiredAt), Local(r.AcknowledgedAt), r.AcknowledgedBy, Local(r.ResolvedAt),
        r.ResolvedBy, r.ResolveReason, Local(r.SnoozedUntil), Local(r.UpdatedAt));

    private DateTimeOffset Local(DateTime value) => clock.Local(new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

    private DateTimeOffset? Local(DateTime? value) => value is { } v ? Local(v) : null;
}

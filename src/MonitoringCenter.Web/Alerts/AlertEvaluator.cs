using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.ReadModels;
using Npgsql;

namespace MonitoringCenter.Web.Alerts;

public sealed record EvaluationResult(int Observations, int Opened, int Fired, int Resolved, int Open);

/// <summary>
/// Runs the rules on the running year as of today and moves the alerts through their lifecycle,
/// in one transaction under an advisory lock (so two nodes never evaluate at once).
/// </summary>
public sealed class AlertEvaluator(NpgsqlDataSource dataSource, ProvinceQueries provinces, Clock clock, IOptions<AlertOptions> options,
    IEnumerable<IObservationSource> sources)
{
    private const long LockKey = 0x4D43_414C_5254; // "MCALRT"
    private static readonly string[] RefreshJobIds = [$"\"{IncrementalRefreshJob.RecurringId}\"", $"\"{FullRefreshJob.RecurringId}\""];

    private sealed record OpenRow(long Id, string Rule, string Subject, string State, short Severity, DateTime ConditionSince, DateTime? ClearSince);

    private sealed record HistoryRow(DateTime FinishedAt, bool Succeeded, string? ErrorMessage);

    public async Task<EvaluationResult> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        // Npgsql writes timestamptz from UTC offsets only.
        var now = clock.Now.ToUniversalTime();
        var year = clock.CurrentYear;
        var board = await provinces.BoardAsync(year.Year, clock.Today, ProvinceOrder.Code, cancellationToken);
        var dayOfYear = board.AsOf is { } day ? day.DayNumber - year.Start.DayNumber + 1 : 0;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var health = await RefreshHealthAsync(connection, cancellationToken);
        health = health is { LastSuccessAt: { } success } ? health with { LastSuccessAt = clock.Local(success) } : health;
        var observations = AlertRules.Evaluate(new RuleInputs(clock.Local(now), dayOfYear, board.Provinces, health), settings)
            .ToDictionary(o => (o.Rule, o.Subject));
        foreach (var source in sources)
        {
            foreach (var observation in await source.ObserveAsync(connection, clock.Local(now), settings, cancellationToken))
            {
                observations[(observation.Rule, observation.Subject)] = observation;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("select pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction);
        var open = (await connection.QueryAsync<OpenRow>(new CommandDefinition("""
            select id, rule, subject, state, severity, condition_since, clear_since from alert where state <> 'resolved'
            """, transaction: transaction, cancellationToken: cancellationToken)))
            .Select(r => new OpenAlert(r.Id, r.Rule, r.Subject, AlertText.ParseState(r.State), (AlertSeverity)r.Severity,
                Utc(r.ConditionSince), r.ClearSince is { } c ? Utc(c) : null))
            .ToDictionary(a => (a.Rule, a.Subject));

        int opened = 0, fired = 0, resolved = 0;
        foreach (var key in observations.Keys.Union(open.Keys).ToList())
        {
            var current = open.GetValueOrDefault(key);
            var observation = observations.GetValueOrDefault(key);
            var decision = AlertLifecycle.Decide(current, observation, now, settings.HoldFor, settings.ClearFor);
            switch (decision.Kind)
            {
                case DecisionKind.Open when observation is not null:
                    var state = decision.State ?? AlertState.Pending;
                    var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                        insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, last_evaluated_at, updated_at)
                        values (@Rule, @Subject, @severity, @state, @Message, @Value, @Threshold, @now, @firedAt, @now, @now)
                        returning id
                        """, new { observation.Rule, observation.Subject, severity = (short)observation.Severity, state = AlertText.Db(state),
                            observation.Message, observation.Value, observation.Threshold, now, firedAt = state == AlertState.Firing ? now : (DateTimeOffset?)null },
                        transaction, cancellationToken: cancellationToken));
                    await TransitionAsync(connection, transaction, id, now, state == AlertState.Firing ? "fire" : "open", null, state, "system", observation.Message, cancellationToken);
                    opened++;
                    fired += state == AlertState.Firing ? 1 : 0;
                    break;
                case DecisionKind.Fire when current is not null && observation is not null:
                    await UpdateAsync(connection, transaction, current.Id, observation, null, now, "state = 'firing', fired_at = @now,", cancellationToken);
                    await TransitionAsync(connection, transaction, current.Id, now, "fire", current.State, AlertState.Firing, "system", observation.Message, cancellationToken);
                    fired++;
                    break;
                case DecisionKind.Track when current is not null:
                    if (observation is { Breached: true } && observation.Severity != current.Severity)
                    {
                        await TransitionAsync(connection, transaction, current.Id, now, "escalate", current.State, current.State, "system",
                            $"{AlertText.Severity(current.Severity)} → {AlertText.Severity(observation.Severity)}: {observation.Message}", cancellationToken);
                    }
                    if (observation is not null)
                    {
                        await UpdateAsync(connection, transaction, current.Id, observation, decision.ClearSince, now, "", cancellationToken);
                    }
                    else
                    {
                        // Nothing measured any more (a province without figures, a rule switched off): counted as
                        // cleared, and the clock of that must be kept, or the alert would never resolve.
                        await connection.ExecuteAsync(new CommandDefinition("""
                            update alert set clear_since = @clearSince, last_evaluated_at = @now, updated_at = @now where id = @id
                            """, new { id = current.Id, clearSince = decision.ClearSince, now }, transaction, cancellationToken: cancellationToken));
                    }
                    break;
                case DecisionKind.Resolve when current is not null:
                    await connection.ExecuteAsync(new CommandDefinition("""
                        update alert set state = 'resolved', resolved_at = @now, resolved_by = 'system', resolve_reason = @reason,
                                         last_evaluated_at = @now, updated_at = @now
                        where id = @id
                        """, new { id = current.Id, now, reason = decision.Reason }, transaction, cancellationToken: cancellationToken));
                    await TransitionAsync(connection, transaction, current.Id, now, "resolve", current.State, AlertState.Resolved, "system", decision.Reason, cancellationToken);
                    resolved++;
                    break;
                default:
                    break;
            }
        }
        var stillOpen = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from alert where state <> 'resolved'", transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        Operations.CenterMetrics.AlertsEvaluated(opened, fired, resolved);
        return new EvaluationResult(observations.Count, opened, fired, resolved, stillOpen);
    }

    private static async Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, Observation observation,
        DateTimeOffset? clearSince, DateTimeOffset now, string extra, CancellationToken cancellationToken)
    {
        // The severity follows the measurement only while the condition is breached; inside the band it stays.
        await connection.ExecuteAsync(new CommandDefinition($"""
            update alert set {extra}
                severity = case when @breached then @severity else severity end,
                message = case when @breached then @Message else message end,
                value = @Value, threshold = @Threshold, clear_since = @clearSince, last_evaluated_at = @now, updated_at = @now
            where id = @id
            """, new { id, breached = observation.Breached, severity = (short)observation.Severity, observation.Message, observation.Value,
                observation.Threshold, clearSince, now }, transaction, cancellationToken: cancellationToken));
    }

    internal static async Task TransitionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long alertId, DateTimeOffset at,
        string action, AlertState? from, AlertState to, string actor, string? note, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into alert_transition (alert_id, at, action, from_state, to_state, actor, note)
            values (@alertId, @at, @action, @from, @to, @actor, @note)
            """, new { alertId, at, action, from = from is { } f ? AlertText.Db(f) : null, to = AlertText.Db(to), actor, note },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The scheduled refresh jobs' recent runs from Hangfire's job history (their last state,
    /// succeeded or failed); null where Hangfire has not installed its schema yet.
    /// </summary>
    private static async Task<RefreshHealth?> RefreshHealthAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass('hangfire.job') is not null", cancellationToken: cancellationToken));
        if (!exists)
        {
            return null;
        }
        // Hangfire stores job parameters as JSON: the recurring job's id is a quoted string.
        var runs = (await connection.QueryAsync<HistoryRow>(new CommandDefinition("""
            select s.createdat as finished_at, j.statename = 'Succeeded' as succeeded, s.data ->> 'ExceptionMessage' as error_message
            from hangfire.job j join hangfire.state s on s.id = j.stateid
            where j.statename in ('Succeeded', 'Failed')
              and exists (select 1 from hangfire.jobparameter p where p.jobid = j.id and p.name = 'RecurringJobId' and p.value = any(@RefreshJobIds))
            order by j.id desc limit 50
            """, new { RefreshJobIds }, cancellationToken: cancellationToken))).ToList();
        if (runs.Count == 0)
        {
            return null;
        }
        var failures = runs.TakeWhile(r => !r.Succeeded).ToList();
        var success = runs.FirstOrDefault(r => r.Succeeded);
        return new RefreshHealth(success is null ? null : Utc(success.FinishedAt), failures.Count, failures.FirstOrDefault()?.ErrorMessage);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

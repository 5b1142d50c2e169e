using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using Npgsql;
using NpgsqlTypes;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// Applies batches of case events to the source tables: validates every field, checks the
/// caller's provinces, drops repeated event ids, stores the new events and rebuilds each touched
/// case's yearly rows (and payments) from all of its events, then records what that changed in
/// the daily figures (<c>kpi_delta</c>) for the read-model refresh, all in one transaction.
/// The HTTP API and in-process writers (the demo simulator) both come through here.
/// </summary>
public sealed class CaseEventService(
    NpgsqlDataSource dataSource,
    CaseKeys keys,
    Clock clock,
    AuditLog audit,
    SourceChanges changes,
    IOptions<IngestionOptions> options,
    IOptions<StatisticsOptions> statistics)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(statistics.Value.TimeZone);

    private sealed record Item(int Index, string EventId, byte[] EventKey, byte[] CaseKey, StoredEvent Event);

    /// <summary>
    /// Validates and applies <paramref name="events"/> as one unit. Returns <see cref="BatchStatus.Invalid"/>
    /// or <see cref="BatchStatus.Forbidden"/> having written nothing (a forbidden attempt is audited);
    /// otherwise every event is accepted, a duplicate of one already stored, or rejected with its
    /// reason (when its case's events would make an impossible case), and the accepted ones are
    /// committed before this returns.
    /// </summary>
    public async Task<BatchResult> ApplyAsync(IReadOnlyList<CaseEvent?>? events, IngestionCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (items, errors) = Validate(events);
        if (errors is not null)
        {
            return new BatchResult(BatchStatus.Invalid, [], errors, []);
        }
        var forbidden = items
            .SelectMany(i => new[] { i.Event.Province, i.Event.ToOffice is { } to ? CaseHistory.ProvinceOf(to) : i.Event.Province })
            .Where(p => !caller.MayWrite(p)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (forbidden.Count > 0)
        {
            return await ForbiddenAsync(caller, forbidden, items.Count, cancellationToken);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(items, caller, cancellationToken);
            }
            catch (PostgresException ex) when (attempt < 4 && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // A refresh clearing marks, or another batch, crossed ours: the whole batch is redone.
            }
        }
    }

    private (List<Item> Items, Dictionary<string, string[]>? Errors) Validate(IReadOnlyList<CaseEvent?>? events)
    {
        var check = new Validation();
        var max = options.Value.MaxEventsPerBatch;
        if (events is null || events.Count == 0)
        {
            check.Add("events", "at least one event is required");
            return ([], check.Errors());
        }
        if (events.Count > max)
        {
            check.Add("events", $"at most {max} events per batch");
            return ([], check.Errors());
        }
        var earliest = new StatisticalYear(options.Value.EarliestYear, clock.YearStartMonth).Start;
        var latest = clock.Now.AddMinutes(5);
        var items = new List<Item>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var at = $"events[{i}]";
            if (events[i] is not { } e)
            {
                check.Add(at, "must be an object");
                continue;
            }
            var eventId = check.Identifier($"{at}.eventId", e.EventId, 100);
            var caseId = check.Identifier($"{at}.caseId", e.CaseId, 200);
            CaseEventType? type = null;
            if (string.IsNullOrEmpty(e.Type))
            {
                check.Add($"{at}.type", "is required");
            }
            else if (WireNames.EventTypes.TryGetValue(e.Type, out var t))
            {
                type = t;
            }
            else
            {
                check.Add($"{at}.type", $"must be one of {string.Join(", ", WireNames.EventTypes.Keys)}");
            }
            var province = check.Province($"{at}.province", e.Province);
            var office = check.Office($"{at}.office", e.Office, province);
            DateTimeOffset? instant = null;
            DateOnly? on = null;
            if (e.OccurredAt is null)
            {
                check.Add($"{at}.occurredAt", "is required");
            }
            else if (!Validation.TryParseInstant(e.OccurredAt, _zone, out var parsed))
            {
                check.Add($"{at}.occurredAt", "must be an ISO 8601 time with an offset (2026-01-05T09:30:00+07:00) or a date (2026-01-05)");
            }
            else
            {
                var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(parsed, _zone).DateTime);
                if (date < earliest || parsed > latest)
                {
                    check.Add($"{at}.occurredAt", $"must lie between {earliest:yyyy-MM-dd} and now");
                }
                else if (e.StatYear is { } statYear && !clock.Year(statYear).Contains(date))
                {
                    check.Add($"{at}.occurredAt", $"must lie inside statistical year {statYear} ({clock.Year(statYear).Start:yyyy-MM-dd}..{clock.Year(statYear).End:yyyy-MM-dd})");
                }
                else
                {
                    instant = parsed;
                    on = date;
                }
            }
            short? category = null;
            long? amount = null;
            string? toOffice = null;
            switch (type)
            {
                case CaseEventType.Accepted:
                    if (string.IsNullOrEmpty(e.Category))
                    {
                        check.Add($"{at}.category", "is required");
                    }
                    else if (WireNames.Categories.TryGetValue(e.Category, out var c))
                    {
                        category = (short)c;
                    }
                    else
                    {
                        check.Add($"{at}.category", $"must be one of {string.Join(", ", WireNames.Categories.Keys)}");
                    }
                    amount = check.Amount($"{at}.amount", e.Amount, required: false) ?? 0;
                    break;
                case CaseEventType.AmountSet:
                    amount = check.Amount($"{at}.amount", e.Amount, required: true);
                    break;
                case CaseEventType.Payment:
                    amount = check.Amount($"{at}.amount", e.Amount, required: true, positive: true);
                    break;
                case CaseEventType.Classified when e.WithConditions is null:
                    check.Add($"{at}.withConditions", "is required");
                    break;
                case CaseEventType.Transferred:
                    toOffice = check.Office($"{at}.toOffice", e.ToOffice, null);
                    if (toOffice is not null && toOffice == office)
                    {
                        check.Add($"{at}.toOffice", "must differ from office");
                    }
                    break;
                default:
                    break;
            }
            if (!check.HasErrors && eventId is not null && caseId is not null && type is { } eventType && province is not null
                && office is not null && instant is { } when && on is { } day)
            {
                items.Add(new Item(i, eventId, keys.Event(eventId), keys.Case(caseId), new StoredEvent(
                    long.MaxValue - events.Count + i, eventType, when.ToUniversalTime(), day, province, office,
                    category, amount, type == CaseEventType.Classified ? e.WithConditions : null, toOffice)));
            }
        }
        return (items, check.HasErrors ? check.Errors() : null);
    }

    private async Task<BatchResult> ForbiddenAsync(IngestionCaller caller, IReadOnlyList<string> provinces, int events, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(caller.Actor, "ingest.forbidden", string.Join(",", provinces),
            new { endpoint = "events", provinces, events }, caller.RemoteIp, cancellationToken: cancellationToken);
        return new BatchResult(BatchStatus.Forbidden, [], new Dictionary<string, string[]>(), provinces);
    }

    private async Task<BatchResult> WriteAsync(List<Item> items, IngestionCaller caller, CancellationToken cancellationToken)
    {
        var outcomes = new EventOutcome?[items.Count];
        // Within the batch the first of a repeated id counts.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<(int Position, Item Item)>();
        for (var p = 0; p < items.Count; p++)
        {
            if (seen.Add(Convert.ToHexString(items[p].EventKey)))
            {
                fresh.Add((p, items[p]));
            }
            else
            {
                outcomes[p] = new EventOutcome(items[p].Index, items[p].EventId, EventStatus.Duplicate);
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One writer per case at a time: a case is rebuilt from every event committed before it.
        var caseKeys = fresh.Select(f => f.Item.CaseKey).DistinctBy(Convert.ToHexString).ToArray();
        var locks = caseKeys.Select(k => BitConverter.ToInt64(k, 0)).Distinct().Order().ToArray();
        await ExecuteAsync(connection, transaction, "select pg_advisory_xact_lock(k) from unnest($1) k", cancellationToken, locks);

        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("select event_key from case_event where event_key = any($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = fresh.Select(f => f.Item.EventKey).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
            }
        }
        foreach (var (position, item) in fresh.Where(f => stored.Contains(Convert.ToHexString(f.Item.EventKey))))
        {
            outcomes[position] = new EventOutcome(item.Index, item.EventId, EventStatus.Duplicate);
        }
        fresh = [.. fresh.Where(f => !stored.Contains(Convert.ToHexString(f.Item.EventKey)))];

        var history = await LoadHistoryAsync(connection, transaction, fresh.Select(f => f.Item.CaseKey).DistinctBy(Convert.ToHexString).ToArray(), cancellationToken);

        // Each known case as its stored events make it: where it is now, and the rows stored for it.
        var lastYear = clock.CurrentYear.Year;
        var before = history.ToDictionary(h => h.Key, h => CaseHistory.Rebuild(h.Value, clock.YearStartMonth, lastYear), StringComparer.Ordinal);

        // A key may add to a case only while the case is in one of its provinces.
        var forbidden = new SortedSet<string>(before.Values.Select(b => b.CurrentProvince).Where(p => !caller.MayWrite(p)), StringComparer.Ordinal);
        if (forbidden.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ForbiddenAsync(caller, [.. forbidden], items.Count, cancellationToken);
        }

        var rebuilt = new List<(byte[] CaseKey, CaseYearRow Row)>();
        var accepted = new List<Item>();
        foreach (var group in fresh.GroupBy(f => Convert.ToHexString(f.Item.CaseKey)))
        {
            var past = history.GetValueOrDefault(group.Key) ?? [];
            var result = CaseHistory.Rebuild(past.Concat(group.Select(g => g.Item.Event)), clock.YearStartMonth, lastYear);
            foreach (var (position, item) in group)
            {
                outcomes[position] = new EventOutcome(item.Index, item.EventId,
                    result.Error is null ? EventStatus.Accepted : EventStatus.Rejected, result.Error);
            }
            if (result.Error is null)
            {
                accepted.AddRange(group.Select(g => g.Item));
                rebuilt.AddRange(result.Rows.Select(r => (group.First().Item.CaseKey, r)));
            }
        }

        if (accepted.Count > 0)
        {
            await InsertEventsAsync(connection, transaction, accepted, caller, cancellationToken);
            var touched = accepted.Select(a => a.CaseKey).DistinctBy(Convert.ToHexString).ToArray();
            var storedRows = new List<(string Case, int Year, string Province)>();
            await using (var command = new NpgsqlCommand("delete from enforcement_case where source_key = any($1) returning source_key, stat_year, province_code", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = touched });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    storedRows.Add((Convert.ToHexString(reader.GetFieldValue<byte[]>(0)), reader.GetInt16(1), reader.GetString(2)));
                }
            }
            // The figures change by each case's stored rows (as rebuilt from its earlier events) out, its new rows in.
            var figures = new FigureChanges();
            var unexplained = new SortedSet<(short Year, string Province)>();
            foreach (var (caseHex, year, province) in storedRows)
            {
                if (before.GetValueOrDefault(caseHex)?.Rows.FirstOrDefault(r => r.Year == year && r.Province == province) is { } row)
                {
                    figures.CountOut(row);
                }
                else
                {
                    // A stored row the earlier events do not explain: its year is recounted from the cases.
                    unexplained.Add(((short)year, province));
                }
            }
            foreach (var (_, row) in rebuilt)
            {
                figures.CountIn(row);
            }
            await InsertCasesAsync(connection, transaction, rebuilt, cancellationToken);
            await InsertFigureChangesAsync(connection, transaction, figures.NonZero(), cancellationToken);
            if (unexplained.Count > 0)
            {
                await ExecuteAsync(connection, transaction, """
                    insert into refresh_dirty (stat_year, province_code, from_day) select y, p, null from unnest($1, $2) m (y, p)
                    on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq'), from_day = null
                    """, cancellationToken, unexplained.Select(d => d.Year).ToArray(), unexplained.Select(d => d.Province).ToArray());
            }
        }
        var applied = new BatchResult(BatchStatus.Applied, outcomes.Select(o => o!).OrderBy(o => o.Index).ToList(), new Dictionary<string, string[]>(), []);
        if (caller.Request is { } request)
        {
            // The key's use, committed with what it wrote (one commit per batch, not two).
            await audit.WriteAsync(caller.Actor, "api.use", request,
                new { status = StatusCodes.Status200OK, accepted = applied.Accepted, duplicates = applied.Duplicates, rejected = applied.Rejected },
                caller.RemoteIp, transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (accepted.Count > 0)
        {
            changes.Announce();
        }
        return applied;
    }

    private static async Task<Dictionary<string, List<StoredEvent>>> LoadHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        byte[][] caseKeys, CancellationToken cancellationToken)
    {
        var history = new Dictionary<string, List<StoredEvent>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            select case_key, seq, type, occurred_at, occurred_on, province_code, office_code, category, amount, with_conditions, to_office_code
            from case_event where case_key = any($1)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = caseKeys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = Convert.ToHexString(reader.GetFieldValue<byte[]>(0));
            if (!history.TryGetValue(key, out var list))
            {
                history[key] = list = [];
            }
            list.Add(new StoredEvent(reader.GetInt64(1), (CaseEventType)reader.GetInt16(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetInt16(7), reader.IsDBNull(8) ? null : reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetBoolean(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return history;
    }

    /// <summary>Last in the batch: the trigger on <c>kpi_delta</c> wakes the refresh when this commits.</summary>
    private static Task InsertFigureChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(FigureKey Key, Indicators Change)> changes, CancellationToken cancellationToken) =>
        changes.Count == 0 ? Task.CompletedTask : ExecuteAsync(connection, transaction, """
            insert into kpi_delta (stat_year, province_code, office_code, category, day, cases_to_enforce, cases_with_conditions,
                                   cases_completed, money_to_enforce, money_with_conditions, money_collected)
            select * from unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, cancellationToken,
            changes.Select(c => (short)c.Key.Year).ToArray(),
            changes.Select(c => c.Key.Province).ToArray(),
            changes.Select(c => c.Key.Office).ToArray(),
            changes.Select(c => (short)c.Key.Category).ToArray(),
            changes.Select(c => c.Key.Day).ToArray(),
            changes.Select(c => (int)c.Change.CasesToEnforce).ToArray(),
            changes.Select(c => (int)c.Change.CasesWithConditions).ToArray(),
            changes.Select(c => (int)c.Change.CasesCompleted).ToArray(),
            changes.Select(c => c.Change.MoneyToEnforce).ToArray(),
            changes.Select(c => c.Change.MoneyWithConditions).ToArray(),
            changes.Select(c => c.Change.MoneyCollected).ToArray());

    private static Task InsertEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Item> items, IngestionCaller caller,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            insert into case_event (event_key, case_key, type, occurred_at, occurred_on, province_code, office_code,
                                    category, amount, with_conditions, to_office_code, api_key_id)
            select e.*, $12::bigint from unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) e
            on conflict (event_key) do nothing
            """, cancellationToken,
            items.Select(i => i.EventKey).ToArray(),
            items.Select(i => i.CaseKey).ToArray(),
            items.Select(i => (short)i.Event.Type).ToArray(),
            items.Select(i => i.Event.At).ToArray(),
            items.Select(i => i.Event.On).ToArray(),
            items.Select(i => i.Event.Province).ToArray(),
            items.Select(i => i.Event.Office).ToArray(),
            items.Select(i => i.Event.Category).ToArray(),
            items.Select(i => i.Event.Amount).ToArray(),
            items.Select(i => i.Event.WithConditions).ToArray(),
            items.Select(i => i.Event.ToOffice).ToArray(),
            caller.ApiKeyId is { } id ? id : DBNull.Value);

    private static async Task InsertCasesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<(byte[] CaseKey, CaseYearRow Row)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var ids = new Dictionary<(string, short), long>();
        await using (var command = new NpgsqlCommand("""
            insert into enforcement_case (source_key, stat_year, province_code, office_code, category, origin, accepted_on, condition,
                                          classified_on, status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected)
            select * from unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            returning id, source_key, stat_year
            """, connection, transaction))
        {
            AddParameters(command,
                rows.Select(r => r.CaseKey).ToArray(),
                rows.Select(r => (short)r.Row.Year).ToArray(),
                rows.Select(r => r.Row.Province).ToArray(),
                rows.Select(r => r.Row.Office).ToArray(),
                rows.Select(r => (short)r.Row.Category).ToArray(),
                rows.Select(r => (short)r.Row.Origin).ToArray(),
                rows.Select(r => r.Row.AcceptedOn).ToArray(),
                rows.Select(r => (short?)r.Row.Condition).ToArray(),
                rows.Select(r => r.Row.ClassifiedOn).ToArray(),
                rows.Select(r => (short)r.Row.Status).ToArray(),
                rows.Select(r => r.Row.CompletedOn).ToArray(),
                rows.Select(r => r.Row.AmountToEnforce).ToArray(),
                rows.Select(r => r.Row.AmountWithConditions).ToArray(),
                rows.Select(r => r.Row.AmountCollected).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[(Convert.ToHexString(reader.GetFieldValue<byte[]>(1)), reader.GetInt16(2))] = reader.GetInt64(0);
            }
        }
        var payments = rows
            .SelectMany(r => r.Row.Payments.Select(p => (Id: ids[(Convert.ToHexString(r.CaseKey), (short)r.Row.Year)], Year: (short)r.Row.Year, p.On, p.Amount)))
            .ToList();
        if (payments.Count > 0)
        {
            await ExecuteAsync(connection, transaction, "insert into collection (case_id, stat_year, collected_on, amount) select * from unnest($1, $2, $3, $4)",
                cancellationToken, payments.Select(p => p.Id).ToArray(), payments.Select(p => p.Year).ToArray(),
                payments.Select(p => p.On).ToArray(), payments.Select(p => p.Amount).ToArray());
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        AddParameters(command, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameters(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                // Arrays whose elements are all null still need their element type.
                short?[] shorts => new NpgsqlParameter { Value = shorts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
                long?[] longs => new NpgsqlParameter { Value = longs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                bool?[] bools => new NpgsqlParameter { Value = bools, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean },
                DateOnly?[] dates => new NpgsqlParameter { Value = dates, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
                string?[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = value },
            });
        }
    }
}

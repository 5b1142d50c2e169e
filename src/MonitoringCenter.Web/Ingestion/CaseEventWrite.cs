using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using Npgsql;
using NpgsqlTypes;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// One batch's transaction on the source tables: what is stored of its cases, and the writes
/// that replace them. Nothing is kept unless <see cref="CommitAsync"/> is called; disposing
/// without it rolls back. Case and event keys are compared by their hex text.
/// </summary>
public sealed class CaseEventWrite : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly AuditLog _audit;

    internal CaseEventWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditLog audit)
    {
        _connection = connection;
        _transaction = transaction;
        _audit = audit;
    }

    internal Task LockAsync(IEnumerable<byte[]> caseKeys, CancellationToken cancellationToken) =>
        ExecuteAsync("select pg_advisory_xact_lock(k) from unnest($1) k", cancellationToken,
            caseKeys.Select(k => BitConverter.ToInt64(k, 0)).Distinct().Order().ToArray());

    /// <summary>Which of <paramref name="eventKeys"/> are stored already.</summary>
    public async Task<HashSet<string>> StoredEventsAsync(byte[][] eventKeys, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("select event_key from case_event where event_key = any($1)", _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = eventKeys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
        }
        return stored;
    }

    /// <summary>The stored events of each of the cases <paramref name="caseKeys"/> that has any.</summary>
    public async Task<Dictionary<string, List<StoredEvent>>> HistoryAsync(byte[][] caseKeys, CancellationToken cancellationToken)
    {
        var history = new Dictionary<string, List<StoredEvent>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            select case_key, seq, type, occurred_at, occurred_on, province_code, office_code, category, amount, with_conditions, to_office_code,
                   steering_committee
            from case_event where case_key = any($1)
            """, _connection, _transaction);
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
                reader.IsDBNull(9) ? null : reader.GetBoolean(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetBoolean(11)));
        }
        return history;
    }

    /// <summary>Stores new events, under the API key that sent them (none for in-process writers).</summary>
    public Task InsertEventsAsync(IReadOnlyList<(byte[] EventKey, byte[] CaseKey, StoredEvent Event)> events, long? apiKeyId,
        CancellationToken cancellationToken) =>
        ExecuteAsync("""
            insert into case_event (event_key, case_key, type, occurred_at, occurred_on, province_code, office_code,
                                    category, amount, with_conditions, to_office_code, steering_committee, api_key_id)
            select e.*, $13::bigint from unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) e
            on conflict (event_key) do nothing
            """, cancellationToken,
            events.Select(i => i.EventKey).ToArray(),
            events.Select(i => i.CaseKey).ToArray(),
            events.Select(i => (short)i.Event.Type).ToArray(),
            events.Select(i => i.Event.At).ToArray(),
            events.Select(i => i.Event.On).ToArray(),
            events.Select(i => i.Event.Province).ToArray(),
            events.Select(i => i.Event.Office).ToArray(),
            events.Select(i => i.Event.Category).ToArray(),
            events.Select(i => i.Event.Amount).ToArray(),
            events.Select(i => i.Event.WithConditions).ToArray(),
            events.Select(i => i.Event.ToOffice).ToArray(),
            events.Select(i => i.Event.SteeringCommittee).ToArray(),
            apiKeyId is { } id ? id : DBNull.Value);

    /// <summary>Deletes the stored rows (and, by cascade, payments) of the cases <paramref name="caseKeys"/>; returns which rows they were.</summary>
    public async Task<List<(string Case, int Year, string Province)>> DeleteCasesAsync(byte[][] caseKeys, CancellationToken cancellationToken)
    {
        var rows = new List<(string Case, int Year, string Province)>();
        await using var command = new NpgsqlCommand(
            "delete from enforcement_case where source_key = any($1) returning source_key, stat_year, province_code", _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = caseKeys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((Convert.ToHexString(reader.GetFieldValue<byte[]>(0)), reader.GetInt16(1), reader.GetString(2)));
        }
        return rows;
    }

    /// <summary>Inserts rebuilt case rows and their payments.</summary>
    public async Task InsertCasesAsync(IReadOnlyList<(byte[] CaseKey, CaseYearRow Row)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var ids = new Dictionary<(string, short), long>();
        await using (var command = new NpgsqlCommand("""
            insert into enforcement_case (source_key, stat_year, province_code, office_code, category, origin, accepted_on, condition,
                                          classified_on, status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected,
                                          steering_committee, opened_on, status_since)
            select * from unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            returning id, source_key, stat_year
            """, _connection, _transaction))
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
                rows.Select(r => r.Row.AmountCollected).ToArray(),
                rows.Select(r => r.Row.SteeringCommittee).ToArray(),
                rows.Select(r => r.Row.OpenedOn).ToArray(),
                rows.Select(r => r.Row.StatusSince).ToArray());
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
            await ExecuteAsync("insert into collection (case_id, stat_year, collected_on, amount) select * from unnest($1, $2, $3, $4)",
                cancellationToken, payments.Select(p => p.Id).ToArray(), payments.Select(p => p.Year).ToArray(),
                payments.Select(p => p.On).ToArray(), payments.Select(p => p.Amount).ToArray());
        }
    }

    /// <summary>Records what the batch changed in the daily figures. Last in the batch: the trigger on <c>kpi_delta</c> wakes the refresh when this commits.</summary>
    public Task InsertFigureChangesAsync(IReadOnlyList<(FigureKey Key, Indicators Change)> changes, CancellationToken cancellationToken) =>
        changes.Count == 0 ? Task.CompletedTask : ExecuteAsync($"""
            insert into kpi_delta (stat_year, province_code, office_code, category, day, {IndicatorColumns.List})
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

    /// <summary>Marks (year, province) pairs to be recounted from their cases over the whole year.</summary>
    public Task MarkWholeYearsAsync(IReadOnlyCollection<(short Year, string Province)> pairs, CancellationToken cancellationToken) =>
        pairs.Count == 0 ? Task.CompletedTask : ExecuteAsync("""
            insert into refresh_dirty (stat_year, province_code, from_day) select y, p, null from unnest($1, $2) m (y, p)
            on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq'), from_day = null
            """, cancellationToken, pairs.Select(d => d.Year).ToArray(), pairs.Select(d => d.Province).ToArray());

    /// <summary>Writes an audit record that commits (or rolls back) with the batch.</summary>
    public Task AuditAsync(string actor, string action, string? subject, object? detail, string? remoteIp, CancellationToken cancellationToken) =>
        _audit.WriteAsync(actor, action, subject, detail, remoteIp, _transaction, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => _transaction.RollbackAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
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

using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace MonitoringCenter.Web.Platform;

/// <summary>
/// The audit trail's hash chain. Rows are written unchained (<see cref="AuditLog"/>); <see cref="SealAsync"/>
/// chains them: each gets the next <c>seq</c>, the previous row's hash as <c>prev_hash</c>, and
/// <c>hash = SHA-256(prev_hash ‖ UTF-8(canonical text))</c> (<see cref="Canonical"/>; the database's
/// <c>audit_canonical</c> builds the same text). <see cref="VerifyAsync"/> recomputes every link here,
/// not in SQL, so a changed database function cannot vouch for itself. Retention deletes the chain's
/// oldest rows; the first kept row is the anchor, and the retention's own audit row records it.
/// </summary>
public sealed class AuditChain(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>The action of the row a retention pass writes (detail: deleted, before, anchor_seq, anchor_id, anchor_hash).</summary>
    public const string RetentionAction = "audit.retention";

    /// <summary>Decree 53/2022: audit records are kept at least this long (the database's trigger holds to it too).</summary>
    public const int MinimumRetentionMonths = 12;

    private const int SealBatch = 5000;

    private sealed record Anchor(long Seq, long Id, byte[] Hash);

    private sealed record RetentionAnchor(long? AnchorSeq, string? AnchorHash);

    /// <summary>Chains the rows written since the last seal; 0 also when another node is sealing right now.</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var sealedNow = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "select audit_seal(@SealBatch)", new { SealBatch }, cancellationToken: cancellationToken));
            total += sealedNow;
            if (sealedNow < SealBatch)
            {
                return total;
            }
        }
    }

    /// <summary>Walks the chain in order and stops at the first link that does not hold.</summary>
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot: rows sealed or deleted meanwhile do not look like breaks.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var unsealed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from audit_log where seq is null", transaction: transaction, cancellationToken: cancellationToken));
        var retention = await connection.QueryFirstOrDefaultAsync<RetentionAnchor>(new CommandDefinition($"""
            select (detail->>'anchor_seq')::bigint as anchor_seq, detail->>'anchor_hash' as anchor_hash
            from audit_log where action = '{RetentionAction}' order by id desc limit 1
            """, transaction: transaction, cancellationToken: cancellationToken));

        await using var command = new NpgsqlCommand("""
            select id, seq, at, actor, action, subject, province_code, detail::text, remote_ip, prev_hash, hash
            from audit_log where seq is not null order by seq
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long verified = 0;
        long? anchor = null;
        long? lastSeq = null;
        byte[]? lastHash = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var seq = reader.GetInt64(1);
            var prevHash = reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9);
            var hash = reader.IsDBNull(10) ? null : reader.GetFieldValue<byte[]>(10);
            var text = Canonical(id, reader.GetFieldValue<DateTime>(2), reader.GetString(3), reader.GetString(4), NullableString(reader, 5),
                NullableString(reader, 6), reader.GetString(7), NullableString(reader, 8));
            string? problem;
            if (lastSeq is null)
            {
                problem = seq == 1
                    ? (prevHash is { Length: 0 } ? null : "the chain's first row should have an empty previous hash")
                    : retention?.AnchorSeq != seq || !string.Equals(retention.AnchorHash, Hex(hash), StringComparison.Ordinal)
                        ? FormattableString.Invariant($"the chain starts at seq {seq}: the rows before it are missing and no retention pass recorded this row as its anchor")
                        : null;
                anchor = seq == 1 ? null : seq;
            }
            else
            {
                problem = seq != lastSeq + 1
                    ? FormattableString.Invariant($"rows are missing before it: the chain jumps from seq {lastSeq} to {seq}")
                    : prevHash is null || !prevHash.AsSpan().SequenceEqual(lastHash)
                        ? FormattableString.Invariant($"its previous hash is not the hash of the row before it (seq {lastSeq})")
                        : null;
            }
            if (problem is null && (prevHash is null || hash is null || !Hash(prevHash, text).AsSpan().SequenceEqual(hash)))
            {
                problem = "its content does not match its hash: the row was altered";
            }
            if (problem is not null)
            {
                return new AuditChainReport(verified, unsealed, anchor, new AuditChainBreak(id, seq, problem));
            }
            verified++;
            (lastSeq, lastHash) = (seq, hash);
        }
        return new AuditChainReport(verified, unsealed, anchor, null);
    }

    /// <summary>
    /// Deletes the chain's rows older than <paramref name="before"/> (never younger than
    /// <see cref="MinimumRetentionMonths"/> by the database's clock), from its start up to the first
    /// row to keep, and records in the same transaction what it removed and that anchor.
    /// </summary>
    public async Task<AuditRetention> DeleteOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cutoff = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            $"select least(@before, now() - interval '{MinimumRetentionMonths} months')", new { before = before.UtcDateTime }, transaction,
            cancellationToken: cancellationToken));
        // The first chained row young enough to keep; when none is, the newest (a chain keeps its end).
        var anchor = await connection.QueryFirstOrDefaultAsync<Anchor>(new CommandDefinition("""
            select seq, id, hash from audit_log
            where seq = coalesce((select min(seq) from audit_log where seq is not null and at >= @cutoff), (select max(seq) from audit_log))
            """, new { cutoff }, transaction, cancellationToken: cancellationToken));
        var cut = new DateTimeOffset(DateTime.SpecifyKind(cutoff, DateTimeKind.Utc));
        if (anchor is null)
        {
            return new AuditRetention(0, cut, null, null);
        }
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "delete from audit_log where seq < @Seq", new { anchor.Seq }, transaction, cancellationToken: cancellationToken));
        if (deleted > 0)
        {
            await audit.WriteAsync("system", RetentionAction, $"audit:{anchor.Id}", new Dictionary<string, object>
            {
                ["deleted"] = deleted,
                ["before"] = cut,
                ["anchor_seq"] = anchor.Seq,
                ["anchor_id"] = anchor.Id,
                ["anchor_hash"] = Hex(anchor.Hash)!,
            }, null, transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new AuditRetention(deleted, cut, deleted > 0 ? anchor.Seq : null, deleted > 0 ? anchor.Id : null);
    }

    /// <summary>The text a row's hash covers: each field length-prefixed in UTF-8 bytes ("-" for null), joined by "|".</summary>
    public static string Canonical(long id, DateTime atUtc, string actor, string action, string? subject, string? province, string detail, string? remoteIp) =>
        string.Join('|',
            Field(id.ToString(CultureInfo.InvariantCulture)),
            Field(atUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
            Field(actor), Field(action), Field(subject), Field(province), Field(detail), Field(remoteIp));

    public static byte[] Hash(byte[] prevHash, string canonical)
    {
        ArgumentNullException.ThrowIfNull(prevHash);
        return SHA256.HashData([.. prevHash, .. Encoding.UTF8.GetBytes(canonical)]);
    }

    private static string Field(string? value) =>
        value is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(value)}:{value}");

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexStringLower(bytes);
}

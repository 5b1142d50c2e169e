using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// Screens and their pairing, in PostgreSQL: codes (hashed, short-lived, single use, limited per
/// address and per Admin), credentials (hashed), revocation, and the status screens report.
/// Every change a person makes is written to the audit log in the same transaction.
/// </summary>
public sealed class ScreenRegistry(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, IOptionsMonitor<FleetOptions> options)
{
    private const int MaxErrors = 5;
    private const int MaxErrorLength = 300;

    /// <summary>A new code for an unpaired screen, or null when this address asked for too many lately.</summary>
    public async Task<PairingStart?> StartPairingAsync(string? remoteIp, CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var recent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from screen_pairing where created_ip is not distinct from @remoteIp and created_at > @since",
            new { remoteIp, since = now - o.RateWindow }, cancellationToken: cancellationToken));
        if (recent >= o.CodesPerAddress)
        {
            return null;
        }
        var id = Guid.NewGuid();
        var claim = ScreenCredential.NewToken();
        var expiresAt = now + o.CodeLifetime;
        // Two live requests must not share a code: draw again in the (rare) case one does.
        for (var attempt = 0; ; attempt++)
        {
            var code = PairingCode.New();
            var inserted = await connection.ExecuteAsync(new CommandDefinition("""
                insert into screen_pairing (id, code_hash, claim_hash, created_ip, created_at, expires_at)
                select @id, @codeHash, @claimHash, @remoteIp, @now, @expiresAt
                where not exists (select 1 from screen_pairing where code_hash = @codeHash and screen_id is null and expires_at > @now)
                """, new { id, codeHash = PairingCode.Hash(code), claimHash = ScreenCredential.Hash(claim), remoteIp, now, expiresAt },
                cancellationToken: cancellationToken));
            if (inserted == 1)
            {
                return new PairingStart(id, code, claim, expiresAt);
            }
            if (attempt == 5)
            {
                throw new InvalidOperationException("Could not draw an unused pairing code.");
            }
        }
    }

    /// <summary>
    /// An unpaired screen asks about its request (by the secret in its pairing cookie). Once an Admin
    /// paired it, the first ask takes the screen's credential: a new token, whose hash replaces any
    /// before it; later asks find the request used.
    /// </summary>
    public async Task<PairingPoll> PollAsync(Guid id, string claim, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PairingRow>(new CommandDefinition("""
            select claim_hash as ClaimHash, expires_at as ExpiresAt, screen_id as ScreenId, collected_at as CollectedAt
            from screen_pairing where id = @id for update
            """, new { id }, transaction, cancellationToken: cancellationToken));
        if (row is null || !CryptographicOperations.FixedTimeEquals(row.ClaimHash, ScreenCredential.Hash(claim)) || row.CollectedAt is not null)
        {
            return new PairingPoll(PairingState.Gone);
        }
        if (row.ScreenId is not { } screenId)
        {
            return new PairingPoll(row.ExpiresAt > now ? PairingState.Waiting : PairingState.Gone);
        }
        var token = ScreenCredential.NewToken();
        var startView = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "update screen set token_hash = @hash, token_issued_at = @now where id = @screenId and revoked_at is null returning start_view",
            new { hash = ScreenCredential.Hash(token), screenId, now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("update screen_pairing set collected_at = @now where id = @id",
            new { id, now }, transaction, cancellationToken: cancellationToken));
        if (startView is null)
        {
            // Revoked between pairing and collecting.
            await transaction.CommitAsync(cancellationToken);
            return new PairingPoll(PairingState.Gone);
        }
        await audit.WriteAsync("screen:" + screenId.ToString("N"), "screen.credential", screenId.ToString(), new { pairing = id }, null,
            transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PairingPoll(PairingState.Paired, token, startView);
    }

    /// <summary>An Admin enters a screen's code: the screen is created and its request approved, or refused (and the refusal audited).</summary>
    public async Task<PairOutcome> PairAsync(string? typedCode, string? name, string? room, string? startView, string actor, string? remoteIp,
        CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        name = name?.Trim();
        room = room?.Trim();
        startView = string.IsNullOrWhiteSpace(startView) ? "/wall" : startView.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || string.IsNullOrEmpty(room) || room.Length > 100)
        {
            return PairOutcome.Fail("Cần đặt tên màn hình và phòng (mỗi mục tối đa 100 ký tự).");
        }
        if (!ScreenPaths.IsView(startView))
        {
            return PairOutcome.Fail("Màn hình khởi đầu phải là một trang màn hình lớn của hệ thống (bắt đầu bằng /wall).");
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var wrong = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from audit_log where action = 'screen.pair-refused' and actor = @actor and at > @since",
            new { actor, since = now - o.RateWindow }, cancellationToken: cancellationToken));
        if (wrong >= o.WrongCodesPerAdmin)
        {
            await audit.WriteAsync(actor, "screen.pair-refused", null, new { reason = "too-many-wrong-codes" }, remoteIp, cancellationToken: cancellationToken);
            return PairOutcome.Fail($"Đã nhập sai mã quá {o.WrongCodesPerAdmin} lần: thử lại sau ít phút.");
        }
        var code = PairingCode.Normalize(typedCode);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var pairing = code is null ? null : await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            select id from screen_pairing
            where code_hash = @codeHash and screen_id is null and collected_at is null and expires_at > @now
            order by created_at desc limit 1 for update
            """, new { codeHash = PairingCode.Hash(code), now }, transaction, cancellationToken: cancellationToken));
        if (pairing is not { } pairingId)
        {
            await transaction.RollbackAsync(cancellationToken);
            await audit.WriteAsync(actor, "screen.pair-refused", null, new { reason = code is null ? "malformed" : "unknown-or-expired" }, remoteIp,
                cancellationToken: cancellationToken);
            return PairOutcome.Fail("Mã không đúng, đã hết hạn hoặc đã dùng. Kiểm tra mã đang hiện trên màn hình.");
        }
        var screenId = Guid.NewGuid();
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into screen (id, name, room, start_view, paired_by, paired_at) values (@screenId, @name, @room, @startView, @actor, @now);
            update screen_pairing set screen_id = @screenId, paired_at = @now where id = @pairingId;
            """, new { screenId, name, room, startView, actor, now, pairingId }, transaction, cancellationToken: cancellationToken));
        await audit.WriteAsync(actor, "screen.pair", screenId.ToString(), new { after = new { name, room, startView } }, remoteIp, transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PairOutcome(true, $"Đã ghép màn hình “{name}” ({room}). Màn hình sẽ chuyển sang {startView} trong vài giây.", screenId);
    }

    /// <summary>The unrevoked screen holding this credential, or null.</summary>
    public async Task<ScreenIdentity?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ScreenIdentity>(new CommandDefinition("""
            select id as Id, name as Name, room as Room, start_view as StartView, token_issued_at as IssuedAt, token_hash = @hash as Current
            from screen
            where (token_hash = @hash or (previous_token_hash = @hash and previous_valid_until > @now)) and revoked_at is null
            limit 1
            """, new { hash = ScreenCredential.Hash(token), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Replaces a screen's current credential <paramref name="token"/> with a new one, which is returned;
    /// the old one keeps working for <see cref="FleetOptions.RotationGrace"/> (the screen's other
    /// requests already on their way). Null when another request rotated it first, or it was revoked.
    /// </summary>
    public async Task<string?> RotateAsync(Guid screenId, string token, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var fresh = ScreenCredential.NewToken();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rotated = await connection.ExecuteAsync(new CommandDefinition("""
            update screen set previous_token_hash = token_hash, previous_valid_until = @graceEnds, token_hash = @fresh, token_issued_at = @now
            where id = @screenId and token_hash = @old and revoked_at is null
            """, new { screenId, old = ScreenCredential.Hash(token), fresh = ScreenCredential.Hash(fresh), now, graceEnds = now + options.CurrentValue.RotationGrace },
            transaction, cancellationToken: cancellationToken));
        if (rotated != 1)
        {
            return null;
        }
        await audit.WriteAsync("screen:" + screenId.ToString("N"), "screen.credential-rotated", screenId.ToString(), null, null,
            transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fresh;
    }

    /// <summary>Every screen not revoked, by room and name, online when heard from within <see cref="FleetOptions.OfflineAfter"/>.</summary>
    public async Task<IReadOnlyList<ScreenSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var onlineSince = time.GetUtcNow() - options.CurrentValue.OfflineAfter;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScreenRow>(new CommandDefinition("""
            select id as Id, name as Name, room as Room, start_view as StartView, paired_by as PairedBy, paired_at as PairedAt,
                   last_seen_at as LastSeenAt, current_view as CurrentView, build_version as BuildVersion, viewport as Viewport,
                   uptime_seconds as UptimeSeconds, errors::text as Errors
            from screen where revoked_at is null order by room, name
            """, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ScreenSummary(r.Id, r.Name, r.Room, r.StartView, r.PairedBy, r.PairedAt, r.LastSeenAt, r.CurrentView,
            r.BuildVersion, r.Viewport, r.UptimeSeconds, JsonSerializer.Deserialize<string[]>(r.Errors ?? "[]") ?? [],
            r.LastSeenAt is { } seen && seen > onlineSince))];
    }

    /// <summary>Sets a screen's playlist; false when there is no such screen (or it was revoked).</summary>
    public async Task<bool> SetPlaylistAsync(Guid screenId, IReadOnlyList<PlaylistItem> items, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update screen set playlist = @playlist::jsonb where id = @screenId and revoked_at is null",
            new { screenId, playlist = JsonSerializer.Serialize(items, JsonSerializerOptions.Web) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// What a paired screen's agent needs on each page load, in one read: its room, its playlist (as
    /// JSON) and the view a leader presents to that room right now (review mode), if any.
    /// </summary>
    public async Task<(string? Room, string PlaylistJson, string? PresentedView)> AgentStateAsync(Guid screenId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Room, string Playlist, string? Presented)>(new CommandDefinition("""
            select s.room, s.playlist::text, p.view from screen s left join room_presentation p on p.room = s.room where s.id = @screenId
            """, new { screenId }, cancellationToken: cancellationToken));
        return row.Room is null ? (null, "[]", null) : (row.Room, row.Playlist, row.Presented);
    }

    /// <summary>A screen's playlist (empty when it has none).</summary>
    public async Task<IReadOnlyList<PlaylistItem>> PlaylistAsync(Guid screenId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select playlist::text from screen where id = @screenId", new { screenId }, cancellationToken: cancellationToken));
        return JsonSerializer.Deserialize<PlaylistItem[]>(json ?? "[]", JsonSerializerOptions.Web) ?? [];
    }

    /// <summary>Who presents to which room right now (review mode).</summary>
    public async Task<IReadOnlyDictionary<string, string>> PresentersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Room, string Presenter)>(new CommandDefinition(
            "select room, presenter from room_presentation", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Room, r => r.Presenter, StringComparer.Ordinal);
    }

    /// <summary>A screen's start view, or null.</summary>
    public async Task<string?> StartViewAsync(Guid screenId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select start_view from screen where id = @screenId", new { screenId }, cancellationToken: cancellationToken));
    }

    /// <summary>The unrevoked screens of a room.</summary>
    public async Task<IReadOnlyList<Guid>> RoomAsync(string room, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from screen where room = @room and revoked_at is null order by name", new { room }, cancellationToken: cancellationToken))];
    }

    /// <summary>A screen's heartbeat: its status now. Nothing for a screen revoked meanwhile.</summary>
    public async Task<bool> ReportAsync(Guid screenId, ScreenReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = (report.Errors ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).TakeLast(MaxErrors)
            .Select(e => e.Length > MaxErrorLength ? e[..MaxErrorLength] : e).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            update screen set last_seen_at = @now, current_view = @view, build_version = @build, viewport = @viewport,
                              uptime_seconds = @uptime, errors = @errors::jsonb
            where id = @screenId and revoked_at is null
            """, new
        {
            screenId,
            now = time.GetUtcNow(),
            view = Clip(report.View, 500),
            build = Clip(report.Build, 64),
            viewport = report.Width > 0 && report.Height > 0 ? $"{report.Width}×{report.Height}" : null,
            uptime = Math.Max(0, report.UptimeSeconds),
            errors = JsonSerializer.Serialize(errors),
        }, cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <summary>Revokes a screen's credential; false when there is no such screen or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(Guid screenId, string actor, string? remoteIp, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var name = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "update screen set revoked_at = @now, revoked_by = @actor where id = @screenId and revoked_at is null returning name",
            new { screenId, actor, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (name is null)
        {
            return false;
        }
        await audit.WriteAsync(actor, "screen.revoke", screenId.ToString(), new { before = new { name, state = "paired" }, after = new { state = "revoked" } },
            remoteIp, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string? Clip(string? text, int length) => text is null ? null : text.Length > length ? text[..length] : text;

    // Classes, not records: Dapper maps timestamptz through our DateTimeOffset handler only onto properties.
    private sealed class PairingRow
    {
        public byte[] ClaimHash { get; init; } = [];
        public DateTimeOffset ExpiresAt { get; init; }
        public Guid? ScreenId { get; init; }
        public DateTimeOffset? CollectedAt { get; init; }
    }

    private sealed class ScreenRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Room { get; init; } = "";
        public string StartView { get; init; } = "";
        public string PairedBy { get; init; } = "";
        public DateTimeOffset PairedAt { get; init; }
        public DateTimeOffset? LastSeenAt { get; init; }
        public string? CurrentView { get; init; }
        public string? BuildVersion { get; init; }
        public string? Viewport { get; init; }
        public long? UptimeSeconds { get; init; }
        public string? Errors { get; init; }
    }
}

using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Audit;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Tests.Audit;

/// <summary>
/// The audit trail on a real PostgreSQL: append-only for the application's role, hash-chained, and
/// verified link by link. Tampering is done the way the table's owner could do it (the guard trigger
/// disabled for one transaction), so the rows really change and only the chain can tell.
/// </summary>
[Trait("Category", "Database")]
public sealed class AuditChainTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private AuditLog _audit = default!;
    private AuditChain _chain = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("audit");
        _app = _database.BuildServices(TimeProvider.System);
        await _app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        _audit = _app.Services.GetRequiredService<AuditLog>();
        _chain = _app.Services.GetRequiredService<AuditChain>();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Rows of every shape the callers write: nulls, Vietnamese text, nested detail, in and out of a transaction.</summary>
    private async Task<List<long>> WriteSomeAsync(int count = 6)
    {
        await _audit.WriteAsync("Nguyễn Văn An", "alert.acknowledge", "alert:1", new { before = new { state = "firing" }, after = new { state = "acknowledged" }, note = "Đã gọi \"Cục\", ổn" },
            "10.0.0.7", "79");
        await _audit.WriteAsync("api-key:3", "api.use", "POST /api/v1/events", new { status = 200, accepted = 100 }, "127.0.0.1");
        await using (var connection = await _database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await _audit.WriteAsync("cli:root", "apikey.create", "api-key:4", new { name = "bench", provinces = "01,79" }, transaction: transaction);
            await transaction.CommitAsync();
        }
        for (var i = 3; i < count; i++)
        {
            await _audit.WriteAsync("system", "audit.test", null, null);
        }
        await _chain.SealAsync();
        await using var read = await _database.OpenAsync();
        return (await read.QueryAsync<long>("select id from audit_log order by seq")).ToList();
    }

    /// <summary>Runs <paramref name="sql"/> as the table's owner with the append-only guard off for that transaction only.</summary>
    private async Task TamperAsync(string sql, object? parameters = null, string trigger = "audit_log_guard")
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync($"alter table audit_log disable trigger {trigger}", transaction: transaction);
        Assert.Equal(1, await connection.ExecuteAsync(sql, parameters, transaction));
        await connection.ExecuteAsync($"alter table audit_log enable trigger {trigger}", transaction: transaction);
        await transaction.CommitAsync();
    }

    /// <summary>A chained row dated <paramref name="monthsAgo"/> months back (the insert trigger stamps now() otherwise).</summary>
    private async Task WriteOldAsync(int monthsAgo, string action)
    {
        await TamperAsync("insert into audit_log (at, actor, action, subject) values (now() - make_interval(months => @monthsAgo), 'system', @action, null)",
            new { monthsAgo, action }, "audit_log_insert");
        await _chain.SealAsync();
    }

    [Fact]
    public async Task AppRole_UpdateOfARecentRow_FailsAndTheRowIsUnchanged()
    {
        var ids = await WriteSomeAsync();
        await using var connection = await _database.OpenAsync();
        var before = await connection.QuerySingleAsync<string>("select row(audit_log.*)::text from audit_log where id = @id", new { id = ids[0] });

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("update audit_log set actor = 'someone else' where id = @id", new { id = ids[0] }));
        var unseal = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("update audit_log set seq = null, prev_hash = null, hash = null where id = @id", new { id = ids[0] }));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, unseal.SqlState);
        Assert.Equal(before, await connection.QuerySingleAsync<string>("select row(audit_log.*)::text from audit_log where id = @id", new { id = ids[0] }));
    }

    [Fact]
    public async Task AppRole_DeleteOfARecentRow_FailsAndTheRowStays()
    {
        var ids = await WriteSomeAsync();
        await using var connection = await _database.OpenAsync();

        var delete = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("delete from audit_log where id = @id", new { id = ids[1] }));
        // Even a row eleven months old: Decree 53/2022 wants twelve.
        await WriteOldAsync(11, "audit.eleven-months");
        var young = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("delete from audit_log where action = 'audit.eleven-months'"));

        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Contains("12 months", young.MessageText, StringComparison.Ordinal);
        Assert.Equal(ids.Count + 1, await connection.ExecuteScalarAsync<long>("select count(*) from audit_log"));
    }

    [Fact]
    public async Task Truncate_Fails()
    {
        var ids = await WriteSomeAsync();
        await using var connection = await _database.OpenAsync();

        var truncate = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("truncate audit_log"));

        Assert.Contains("truncate refused", truncate.MessageText, StringComparison.Ordinal);
        Assert.Equal(ids.Count, await connection.ExecuteScalarAsync<long>("select count(*) from audit_log"));
    }

    [Fact]
    public async Task Insert_CannotBackdateNorForgeItsPlaceInTheChain()
    {
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("""
            insert into audit_log (at, actor, action, seq, prev_hash, hash) values ('2020-01-01', 'x', 'audit.forged', 1, '\x00', '\x00')
            """);

        var row = await connection.QuerySingleAsync<(DateTime At, long? Seq)>("select at, seq from audit_log where action = 'audit.forged'");

        Assert.True(row.At > DateTime.UtcNow.AddMinutes(-5));
        Assert.Null(row.Seq);
        Assert.Equal(1, await _chain.SealAsync());
        Assert.True((await _chain.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Verify_ChainOfWrittenRows_IsIntact()
    {
        var ids = await WriteSomeAsync(40);
        // Writers at the same time as sealers: each row is chained exactly once, in some order.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async n =>
        {
            for (var i = 0; i < 25; i++)
            {
                await _audit.WriteAsync($"writer-{n}", "audit.concurrent", $"n:{i}", new { i });
                if (i % 5 == 0)
                {
                    await _chain.SealAsync();
                }
            }
        }));
        await _chain.SealAsync();

        var report = await _chain.VerifyAsync();

        Assert.True(report.Intact, report.Break?.Problem);
        Assert.Equal(ids.Count + 100, report.Verified);
        Assert.Equal(0, report.Unsealed);
        Assert.Null(report.AnchorSeq);
    }

    [Fact]
    public async Task Verify_RowEditedWithTheTriggerDisabled_ReportsThatRowAsFirstBrokenLink()
    {
        var ids = await WriteSomeAsync();
        var edited = ids[2];
        await TamperAsync("update audit_log set detail = jsonb_set(detail, '{name}', '\"other\"') where id = @edited", new { edited });

        var report = await _chain.VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(edited, report.Break!.Id);
        Assert.Equal(2, report.Verified);
        Assert.Contains("altered", report.Break.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedRowWithItsHashRecomputed_IsCaughtAtTheNextRow()
    {
        var ids = await WriteSomeAsync();
        await TamperAsync("""
            update audit_log set actor = 'someone else',
                hash = sha256(prev_hash || convert_to(audit_canonical(id, at, 'someone else', action, subject, province_code, detail, remote_ip), 'UTF8'))
            where id = @id
            """, new { id = ids[1] });

        var report = await _chain.VerifyAsync();

        Assert.Equal(ids[2], report.Break?.Id);
        Assert.Contains("previous hash", report.Break!.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MiddleRowDeleted_IsDetectedAtTheRowAfterIt()
    {
        var ids = await WriteSomeAsync();
        await TamperAsync("delete from audit_log where id = @id", new { id = ids[3] });

        var report = await _chain.VerifyAsync();

        Assert.Equal(ids[4], report.Break?.Id);
        Assert.Contains("missing", report.Break!.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FirstRowsDeletedWithoutRetention_IsDetected()
    {
        var ids = await WriteSomeAsync();
        await TamperAsync("delete from audit_log where id = @id", new { id = ids[0] });

        var report = await _chain.VerifyAsync();

        Assert.Equal(ids[1], report.Break?.Id);
        Assert.Contains("no retention pass", report.Break!.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_DeletesOnlyRowsOlderThanTheBound_AndVerifyStaysIntact()
    {
        await WriteOldAsync(15, "audit.fifteen-months");
        await WriteOldAsync(13, "audit.thirteen-months");
        await WriteOldAsync(11, "audit.eleven-months");
        var all = await WriteSomeAsync(); // the three old rows and six recent ones
        await using var connection = await _database.OpenAsync();
        var anchorId = await connection.ExecuteScalarAsync<long>("select id from audit_log where action = 'audit.eleven-months'");

        // Asked to delete everything older than now, it still keeps twelve months (the database's floor).
        var result = await _chain.DeleteOlderThanAsync(DateTimeOffset.UtcNow);
        var again = await _chain.DeleteOlderThanAsync(DateTimeOffset.UtcNow);
        await _chain.SealAsync();
        var report = await _chain.VerifyAsync();

        Assert.Equal(2, result.Deleted);
        Assert.Equal(anchorId, result.AnchorId);
        Assert.Equal(0, again.Deleted);
        var left = (await connection.QueryAsync<string>("select action from audit_log order by seq")).ToList();
        Assert.DoesNotContain("audit.fifteen-months", left);
        Assert.DoesNotContain("audit.thirteen-months", left);
        Assert.Equal("audit.eleven-months", left[0]);
        Assert.Equal(AuditChain.RetentionAction, left[^1]);
        Assert.Equal(all.Count - 2 + 1, left.Count);
        Assert.True(report.Intact, report.Break?.Problem);
        Assert.Equal(result.AnchorSeq, report.AnchorSeq);
        Assert.Equal(all.Count - 2 + 1, report.Verified);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "select (detail->>'deleted')::bigint from audit_log where action = @RetentionAction", new { AuditChain.RetentionAction }));
    }

    [Fact]
    public async Task RetentionJob_KeepsTheConfiguredMonths()
    {
        await WriteOldAsync(25, "audit.twenty-five-months");
        await WriteOldAsync(23, "audit.twenty-three-months");
        await WriteSomeAsync();
        var job = new AuditRetentionJob(_chain, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new AuditOptions { RetentionMonths = 24 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditRetentionJob>.Instance);

        await job.RunAsync(CancellationToken.None);

        await using var connection = await _database.OpenAsync();
        var actions = (await connection.QueryAsync<string>("select action from audit_log")).ToList();
        Assert.DoesNotContain("audit.twenty-five-months", actions);
        Assert.Contains("audit.twenty-three-months", actions);
    }

    [Fact]
    public async Task VerifyCommand_SaysChainIntact_ThenNamesTheEditedRow_WithExitCodes()
    {
        var ids = await WriteSomeAsync();
        await _audit.WriteAsync("system", "audit.unsealed", null);
        using var intact = new StringWriter();
        var intactCode = await AuditCommand.RunAsync(_app.Services, ["verify"], intact);
        await TamperAsync("update audit_log set remote_ip = '6.6.6.6' where id = @id", new { id = ids[4] });
        using var broken = new StringWriter();
        var brokenCode = await AuditCommand.RunAsync(_app.Services, ["verify"], broken);

        Assert.Equal(0, intactCode);
        Assert.Contains(FormattableString.Invariant($"{ids.Count + 1} rows verified: chain intact"), intact.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, brokenCode);
        Assert.Contains(FormattableString.Invariant($"first broken link: row id {ids[4]}"), broken.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await AuditCommand.RunAsync(_app.Services, ["check"], TextWriter.Null));
    }
}

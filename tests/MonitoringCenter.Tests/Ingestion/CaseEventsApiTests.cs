using System.Net.Http.Json;
using System.Net;
using Dapper;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Ingestion;

[Trait("Category", "Database")]
public sealed class CaseEventsApiTests(IngestionApp ingestion) : IClassFixture<IngestionApp>
{
    private sealed record CaseRow(short StatYear, string ProvinceCode, string OfficeCode, short Category, short Origin, DateOnly AcceptedOn,
        short? Condition, short Status, DateOnly? CompletedOn, long AmountToEnforce, long AmountWithConditions, long AmountCollected);

    private async Task<List<CaseRow>> RowsOfOfficeAsync(string office)
    {
        await using var connection = await ingestion.Database.OpenAsync();
        return (await connection.QueryAsync<CaseRow>("""
            select stat_year, province_code, office_code, category, origin, accepted_on, condition, status, completed_on,
                   amount_to_enforce, amount_with_conditions, amount_collected
            from enforcement_case where office_code = @office order by stat_year
            """, new { office })).ToList();
    }

    [Fact]
    public async Task Events_SentTwice_LeaveTheSameStateAsSentOnce_AndAreReportedAsDuplicates()
    {
        var events = Events.Lifecycle("twice-a", "CASE-TWICE-A", "79-01").Concat(Events.Lifecycle("twice-b", "CASE-TWICE-B", "79-01")).ToArray();

        var first = await ingestion.PostEventsAsync(ingestion.AllKey, events);
        var once = await ingestion.SourceStateAsync();
        var second = await ingestion.PostEventsAsync(ingestion.AllKey, events);
        var twice = await ingestion.SourceStateAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(12, (await IngestionApp.JsonAsync(first)).GetProperty("accepted").GetInt32());
        var repeat = await IngestionApp.JsonAsync(second);
        Assert.Equal(0, repeat.GetProperty("accepted").GetInt32());
        Assert.Equal(12, repeat.GetProperty("duplicates").GetInt32());
        Assert.All(repeat.GetProperty("results").EnumerateArray(), r => Assert.Equal("duplicate", r.GetProperty("status").GetString()));
        Assert.Equal(once, twice);
        var rows = await RowsOfOfficeAsync("79-01");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(new CaseRow(2027, "79", "79-01", 2, 2, new DateOnly(2026, 10, 2), 1, 2, new DateOnly(2026, 10, 10),
            6_000_000, 6_000_000, 6_000_000), r));
    }

    [Fact]
    public async Task Events_DeliveredInReverseOrder_OneByOne_BuildTheSameCaseAsInOrder()
    {
        var inOrder = Events.Lifecycle("order-a", "CASE-ORDER-A", "79-02");
        var reversed = Events.Lifecycle("order-b", "CASE-ORDER-B", "79-03").Reverse().ToArray();

        await ingestion.PostEventsAsync(ingestion.AllKey, inOrder);
        foreach (var e in reversed)
        {
            var response = await ingestion.PostEventsAsync(ingestion.AllKey, e);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var expected = Assert.Single(await RowsOfOfficeAsync("79-02"));
        var actual = Assert.Single(await RowsOfOfficeAsync("79-03"));
        Assert.Equal(expected with { OfficeCode = "79-03" }, actual);
        await using var connection = await ingestion.Database.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "select count(*) from collection c join enforcement_case e on e.id = c.case_id where e.office_code = '79-03'"));
    }

    [Fact]
    public async Task Events_AreCountedInTheFigures_ByTheChangeFeed_WithoutWaitingForTheSchedule()
    {
        var coordinator = ingestion.App.Services.GetRequiredService<RefreshCoordinator>();
        // The refresh the node asks for when it starts listening comes first.
        for (var attempt = 0; attempt < 100 && coordinator.Runs == 0; attempt++)
        {
            await Task.Delay(100);
        }
        var runsBefore = coordinator.Runs;

        await ingestion.PostEventsAsync(ingestion.AllKey, Events.Accepted("feed-1", "CASE-FEED", "46-01", "2026-10-02", 1));

        // The scheduled refresh runs once an hour here: only the batch's own wake-up can count it this soon.
        await using var connection = await ingestion.Database.OpenAsync();
        long counted = 0;
        // A run already under way when the batch arrived may count it first; the batch's own run follows it.
        for (var attempt = 0; attempt < 50 && (counted == 0 || coordinator.Runs <= runsBefore); attempt++)
        {
            await Task.Delay(100);
            counted = await connection.ExecuteScalarAsync<long>(
                "select coalesce(max(cases_to_enforce), 0) from kpi_daily where stat_year = 2027 and unit_kind = 2 and unit_code = '46-01' and day = '2026-10-02'");
        }
        Assert.Equal(1, counted);
        Assert.True(coordinator.Runs > runsBefore);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from kpi_delta"));
    }

    [Fact]
    public async Task FiguresChangedByEvents_EqualARecountOfEveryCase()
    {
        var refresher = ingestion.App.Services.GetRequiredService<KpiRefresher>();
        var first = await ingestion.PostEventsAsync(ingestion.AllKey, [
            .. Events.Lifecycle("eq-a", "CASE-EQ-A", "48-01"),
            Events.Accepted("eq-b1", "CASE-EQ-B", "48-02", "2026-10-05", 8_000_000, "corruption-economic"),
            Events.Classified("eq-b2", "CASE-EQ-B", "48-02", "2026-10-06", withConditions: true),
            Events.Payment("eq-b3", "CASE-EQ-B", "48-02", "2026-10-20", 1_000_000),
            Events.Accepted("eq-c1", "CASE-EQ-C", "01-03", "2026-03-10", 3_000_000, "administrative"),
            Events.Classified("eq-c2", "CASE-EQ-C", "01-03", "2026-03-11", withConditions: true),
            Events.Payment("eq-c3", "CASE-EQ-C", "01-03", "2026-04-01", 500_000),
        ]);
        await refresher.RefreshFullAsync();
        // Changes to days already counted, a case moving to another province, a case whose events come backwards.
        var second = await ingestion.PostEventsAsync(ingestion.AllKey, [
            Events.AmountSet("eq-b4", "CASE-EQ-B", "48-02", "2026-10-07", 9_000_000),
            Events.Payment("eq-b5", "CASE-EQ-B", "48-02", "2026-10-10", 2_000_000),
            Events.Transferred("eq-c4", "CASE-EQ-C", "01-03", "2026-11-02", "48-03"),
            Events.Payment("eq-c5", "CASE-EQ-C", "48-03", "2026-11-20", 2_500_000),
            .. Events.Lifecycle("eq-d", "CASE-EQ-D", "01-04").Reverse(),
        ]);
        await refresher.RefreshDirtyAsync();
        var afterIncremental = await ReadModelAsync();
        await refresher.RefreshFullAsync();
        var afterFull = await ReadModelAsync();

        Assert.Equal(0, (await IngestionApp.JsonAsync(first)).GetProperty("rejected").GetInt32());
        Assert.Equal(0, (await IngestionApp.JsonAsync(second)).GetProperty("rejected").GetInt32());
        Assert.Equal(afterFull.Count, afterIncremental.Count);
        Assert.Equal(afterFull, afterIncremental);
        // Not two empty tables: the case moved from 01 counts in 48 (administrative), with conditions, not completed.
        Assert.Contains(afterFull, r => r.StartsWith("2027|1|48|3|2026-11-20|1|1|0|", StringComparison.Ordinal));
    }

    private async Task<List<string>> ReadModelAsync()
    {
        await using var connection = await ingestion.Database.OpenAsync();
        return (await connection.QueryAsync<string>("""
            select concat_ws('|', stat_year, unit_kind, unit_code, category, day, cases_to_enforce, cases_with_conditions, cases_completed,
                             money_to_enforce, money_with_conditions, money_collected)
            from kpi_daily order by 1
            """)).ToList();
    }

    [Fact]
    public async Task KeyForOneProvince_SendingAnotherProvince_Gets403_WritesNothing_AndIsAudited()
    {
        var before = await ingestion.SourceStateAsync();
        long auditedBefore;
        await using (var start = await ingestion.Database.OpenAsync())
        {
            // Other tests of this class share the database (in any order): count only this test's rows.
            auditedBefore = await start.ExecuteScalarAsync<long>("select coalesce(max(id), 0) from audit_log");
        }

        var response = await ingestion.PostEventsAsync(ingestion.Key79,
            Events.Accepted("scope-1", "CASE-SCOPE", "79-04", "2026-10-02", 10),
            Events.Accepted("scope-2", "CASE-SCOPE-2", "01-04", "2026-10-02", 10));
        var report = await ingestion.Client(ingestion.Key79).PostAsJsonAsync("/api/v1/reports", ReportsApiTests.Report("01", "official", 6));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        Assert.Equal(before, await ingestion.SourceStateAsync());
        await using var connection = await ingestion.Database.OpenAsync();
        var keyId = await connection.ExecuteScalarAsync<long>("select id from api_key where name = 'hcm'");
        var audited = (await connection.QueryAsync<string>(
            "select detail->>'endpoint' from audit_log where action = 'ingest.forbidden' and actor = @actor and subject = '01' and id > @auditedBefore order by id",
            new { actor = $"api-key:{keyId}", auditedBefore })).ToList();
        Assert.Equal(["events", "reports"], audited);
        Assert.DoesNotContain(ingestion.Key79, await connection.ExecuteScalarAsync<string>("select string_agg(actor || subject || detail::text, ' ') from audit_log"));
    }

    [Fact]
    public async Task KeyForOneProvince_CannotTouchACaseHeldByAnother_EvenClaimingItsOwnProvince()
    {
        await ingestion.PostEventsAsync(ingestion.AllKey, Events.Accepted("held-1", "CASE-HELD", "01-05", "2026-10-02", 1_000));
        var before = await ingestion.SourceStateAsync();

        var response = await ingestion.PostEventsAsync(ingestion.Key79, Events.Simple("terminated", "held-2", "CASE-HELD", "79-05", "2026-10-03"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await ingestion.SourceStateAsync());
    }

    [Fact]
    public async Task RevokedKey_Gets401_AndTheAttemptIsAudited()
    {
        var keys = ingestion.App.Services.GetRequiredService<ApiKeys>();
        var (key, secret) = await keys.CreateAsync("short-lived", false, ["79"], "test");
        var before = await ingestion.PostEventsAsync(secret, Events.Accepted("revoke-1", "CASE-REVOKE", "79-06", "2026-10-02", 1));

        Assert.True(await keys.RevokeAsync(key.Id, "test"));
        var after = await ingestion.PostEventsAsync(secret, Events.Accepted("revoke-2", "CASE-REVOKE-2", "79-06", "2026-10-02", 1));
        using var anonymous = ingestion.Client(null);
        var missing = await anonymous.PostAsJsonAsync("/api/v1/events", new { events = new[] { Events.Accepted("revoke-3", "C", "79-06", "2026-10-02", 1) } });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Single(await RowsOfOfficeAsync("79-06"));
        await using var connection = await ingestion.Database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "select count(*) from audit_log where action = 'api.revoked-key' and actor = @actor", new { actor = key.Actor }));
    }

    [Fact]
    public async Task EveryUseOfAKey_IsAuditedOnce_UnderTheKeysIdNeverTheKey()
    {
        var keys = ingestion.App.Services.GetRequiredService<ApiKeys>();
        var (key, secret) = await keys.CreateAsync("audited", false, ["79"], "test");

        var ok = await ingestion.PostEventsAsync(secret, Events.Accepted("audit-1", "CASE-AUDIT", "79-12", "2026-10-02", 1));
        var invalid = await ingestion.PostEventsAsync(secret, Events.Accepted("audit-2", "CASE-AUDIT-2", "79-12", "2026-10-02", -1));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await using var connection = await ingestion.Database.OpenAsync();
        // A rejected request's row is written once its reply has gone out: give it a moment.
        List<string> statuses = [];
        for (var attempt = 0; attempt < 50 && statuses.Count < 2; attempt++)
        {
            await Task.Delay(100);
            statuses = (await connection.QueryAsync<string>(
                "select detail->>'status' from audit_log where action = 'api.use' and actor = @actor order by id", new { actor = key.Actor })).ToList();
        }
        Assert.Equal(["200", "400"], statuses);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "select count(*) from audit_log where position(@secret in concat_ws(' ', actor, subject, detail::text)) > 0", new { secret }));
    }

    [Fact]
    public async Task PaymentsBeyondTheAmount_AreRejectedWithAReason_WhileTheRestOfTheBatchCommits()
    {
        var response = await ingestion.PostEventsAsync(ingestion.AllKey,
            Events.Accepted("over-1", "CASE-OVER", "79-07", "2026-10-02", 1_000),
            Events.Payment("over-2", "CASE-OVER", "79-07", "2026-10-03", 5_000),
            Events.Accepted("over-3", "CASE-FINE", "79-07", "2026-10-02", 1_000));

        var body = await IngestionApp.JsonAsync(response);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["rejected", "rejected", "accepted"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("exceed", results[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await RowsOfOfficeAsync("79-07"));
    }

    [Fact]
    public async Task InvalidField_Gets400_NamingTheItemAndField_AndWritesNothing()
    {
        var before = await ingestion.SourceStateAsync();

        var response = await ingestion.PostEventsAsync(ingestion.AllKey,
            Events.Accepted("bad-1", "CASE-BAD", "79-08", "2026-10-02", 1),
            Events.Payment("bad-2", "CASE-BAD", "79-08", "2026-10-03", -5),
            new { eventId = "bad-3", type = "accepted", caseId = "CASE-BAD-3", province = "79", office = "01-01", occurredAt = "2026-10-02", category = "other", amount = 1, statYear = 2026 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await IngestionApp.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["events[1].amount", "events[2].occurredAt", "events[2].office"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await ingestion.SourceStateAsync());
    }

    [Fact]
    public async Task OpenCaseOfLastYear_IsCarriedOver_AndATransferMovesItsRows()
    {
        await ingestion.PostEventsAsync(ingestion.AllKey,
            Events.Accepted("carry-1", "CASE-CARRY", "79-09", "2026-05-02", 9_000, "corruption-economic"),
            Events.Classified("carry-2", "CASE-CARRY", "79-09", "2026-05-03", withConditions: true),
            Events.Payment("carry-3", "CASE-CARRY", "79-09", "2026-06-01", 3_000),
            Events.Transferred("carry-4", "CASE-CARRY", "79-09", "2026-10-15", "79-10"));

        var old = await RowsOfOfficeAsync("79-09");
        var moved = await RowsOfOfficeAsync("79-10");

        Assert.Equal(new CaseRow(2026, "79", "79-09", 1, 2, new DateOnly(2026, 5, 2), 1, 1, null, 9_000, 9_000, 3_000), Assert.Single(old));
        var carried = moved.Single(r => r.StatYear == 2027);
        Assert.Equal(new CaseRow(2027, "79", "79-10", 1, 1, new DateOnly(2026, 10, 1), 1, 1, null, 6_000, 6_000, 0), carried);
    }

    [Fact]
    public async Task Oversized_Body_Gets413_AndTooManyEvents_Gets400()
    {
        using var client = ingestion.Client(ingestion.AllKey);
        using var huge = new StringContent("{\"events\":[" + string.Join(",", Enumerable.Repeat("{}", 600_000)) + "]}", System.Text.Encoding.UTF8, "application/json");
        var tooLarge = await client.PostAsync("/api/v1/events", huge);
        var tooMany = await ingestion.PostEventsAsync(ingestion.AllKey,
            Enumerable.Range(0, 1001).Select(i => Events.Accepted($"many-{i}", $"CASE-MANY-{i}", "79-11", "2026-10-02", 1)).ToArray());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Empty(await RowsOfOfficeAsync("79-11"));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        using var client = ingestion.Client(null);
        var document = await IngestionApp.JsonAsync(await client.GetAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/events", "/api/v1/reports", "/api/v1/snapshot", "/api/v1/snapshot/{province}"], paths.Order(StringComparer.Ordinal));
    }
}

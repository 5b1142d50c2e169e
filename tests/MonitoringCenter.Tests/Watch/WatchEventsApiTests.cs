using System.Net;
using Dapper;
using MonitoringCenter.Tests.Ingestion;

namespace MonitoringCenter.Tests.Watch;

/// <summary>The Steering-Committee flag and the postponement date through <c>POST /api/v1/events</c>.</summary>
[Trait("Category", "Database")]
public sealed class WatchEventsApiTests(IngestionApp ingestion) : IClassFixture<IngestionApp>
{
    [Fact]
    public async Task SteeringCommittee_OnTheAcceptedEvent_IsStoredOnTheCase_AndAPostponementKeepsItsDate()
    {
        var response = await ingestion.PostEventsAsync(ingestion.AllKey,
            new { eventId = "sc-1", type = "accepted", caseId = "CASE-SC", province = "46", office = "46-02", occurredAt = "2026-10-02",
                category = "corruption-economic", amount = 12_000_000_000, steeringCommittee = true },
            Events.Classified("sc-2", "CASE-SC", "46-02", "2026-10-03", withConditions: true),
            Events.Simple("postponed", "sc-3", "CASE-SC", "46-02", "2026-10-10"),
            Events.Accepted("plain-1", "CASE-PLAIN", "46-02", "2026-10-02", 1_000_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var connection = await ingestion.Database.OpenAsync();
        var rows = (await connection.QueryAsync<(bool Steering, DateOnly? Opened, DateOnly? Since, short Status)>("""
            select steering_committee, opened_on, status_since, status from enforcement_case where office_code = '46-02' order by amount_to_enforce desc
            """)).ToList();
        Assert.Equal([(true, new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 10), (short)4), (false, new DateOnly(2026, 10, 2), null, (short)1)], rows);
        Assert.True(await connection.ExecuteScalarAsync<bool>("select bool_or(steering_committee) from case_event where office_code = '46-02'"));
    }

    [Fact]
    public async Task SteeringCommittee_NotABoolean_IsRefused_NamingTheField()
    {
        var response = await ingestion.PostEventsAsync(ingestion.AllKey,
            new { eventId = "sc-bad", type = "accepted", caseId = "CASE-SC-BAD", province = "46", office = "46-03", occurredAt = "2026-10-02",
                category = "corruption-economic", amount = 1, steeringCommittee = "yes" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await IngestionApp.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["events[0].steeringCommittee"], errors.EnumerateObject().Select(p => p.Name));
        await using var connection = await ingestion.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from enforcement_case where office_code = '46-03'"));
    }

    [Fact]
    public async Task SteeringCommittee_IsDescribedInTheOpenApiDocument()
    {
        using var client = ingestion.Client(null);
        var document = await IngestionApp.JsonAsync(await client.GetAsync("/openapi/v1.json"));

        var field = document.GetProperty("components").GetProperty("schemas").GetProperty("CaseEvent").GetProperty("properties").GetProperty("steeringCommittee");
        Assert.Contains("Steering Committee", field.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Ingestion;

/// <summary>The real app on Kestrel against a database of its own, with keys for all provinces, for 79 and for 01.</summary>
public sealed class IngestionApp : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    // The scheduled refresh only once an hour: figures that move do so through the change feed.
    public IngestionApp() : this(new Dictionary<string, string>
    {
        ["Ingestion:RequestsPerSecond"] = "100000", ["Ingestion:Burst"] = "100000", ["Refresh:Interval"] = "01:00:00",
    })
    {
    }

    internal IngestionApp(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public TestDatabase Database { get; private set; } = default!;

    public RunningApp App { get; private set; } = default!;

    public string AllKey { get; private set; } = "";

    public string Key79 { get; private set; } = "";

    public string Key01 { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("ingest");
        await using (var services = Database.BuildServices())
        {
            await services.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
            await services.Services.GetRequiredService<ReferenceData>().EnsureAsync();
        }
        App = RunningApp.Start(Database.ConnectionString, _settings);
        var keys = App.Services.GetRequiredService<ApiKeys>();
        AllKey = (await keys.CreateAsync("platform", true, [], "test")).Secret;
        Key79 = (await keys.CreateAsync("hcm", false, ["79"], "test")).Secret;
        Key01 = (await keys.CreateAsync("hanoi", false, ["01"], "test")).Secret;
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = App.Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public async Task<HttpResponseMessage> PostEventsAsync(string key, params object[] events)
    {
        using var client = Client(key);
        return await client.PostAsJsonAsync("/api/v1/events", new { events });
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Everything the source tables and reports hold, in a stable order, ids left out.</summary>
    public async Task<string> SourceStateAsync()
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("""
            select md5(coalesce((select string_agg(t, '|' order by t) from (
                select concat_ws(',', encode(source_key, 'hex'), stat_year, province_code, office_code, category, origin, accepted_on, condition,
                                 classified_on, status, completed_on, amount_to_enforce, amount_with_conditions, amount_collected) as t
                from enforcement_case) x), '')
             || coalesce((select string_agg(t, '|' order by t) from (
                select concat_ws(',', encode(e.source_key, 'hex'), c.stat_year, c.collected_on, c.amount) as t
                from collection c join enforcement_case e on e.id = c.case_id) x), '')
             || coalesce((select string_agg(encode(event_key, 'hex'), '|' order by event_key) from case_event), '')
             || coalesce((select string_agg(concat_ws(',', stat_year, province_code, office_code, period_end, version), '|' order by id) from statistical_report), '')
             || (select count(*) from statistical_report_line)::text
             || coalesce((select string_agg(concat_ws(',', id, revoked_at), '|' order by id) from api_key), ''))
            """) ?? "";
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

/// <summary>Builds events the way a source system sends them.</summary>
internal static class Events
{
    public static object Accepted(string id, string caseId, string office, string on, long amount, string category = "other") =>
        new { eventId = id, type = "accepted", caseId, province = office[..2], office, occurredAt = on, category, amount };

    public static object Classified(string id, string caseId, string office, string on, bool withConditions) =>
        new { eventId = id, type = "classified", caseId, province = office[..2], office, occurredAt = on, withConditions };

    public static object Payment(string id, string caseId, string office, string on, long amount) =>
        new { eventId = id, type = "payment", caseId, province = office[..2], office, occurredAt = on, amount };

    public static object AmountSet(string id, string caseId, string office, string on, long amount) =>
        new { eventId = id, type = "amount-set", caseId, province = office[..2], office, occurredAt = on, amount };

    public static object Simple(string type, string id, string caseId, string office, string on) =>
        new { eventId = id, type, caseId, province = office[..2], office, occurredAt = on };

    public static object Transferred(string id, string caseId, string office, string on, string toOffice) =>
        new { eventId = id, type = "transferred", caseId, province = office[..2], office, occurredAt = on, toOffice };

    /// <summary>A case's whole life in statistical year 2027: accepted, classified, amount changed, two payments, completed.</summary>
    public static object[] Lifecycle(string prefix, string caseId, string office) =>
    [
        Accepted($"{prefix}-1", caseId, office, "2026-10-02", 5_000_000, "credit-banking"),
        Classified($"{prefix}-2", caseId, office, "2026-10-03T08:15:00+07:00", withConditions: true),
        AmountSet($"{prefix}-3", caseId, office, "2026-10-04", 6_000_000),
        Payment($"{prefix}-4", caseId, office, "2026-10-05", 2_000_000),
        Payment($"{prefix}-5", caseId, office, "2026-10-09", 4_000_000),
        Simple("completed", $"{prefix}-6", caseId, office, "2026-10-10"),
    ];
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Tests.Ingestion;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Tests.Operations;

/// <summary>Health endpoints, the metrics endpoint and the operator page against the real app and PostgreSQL, including its database going away.</summary>
[Trait("Category", "Database")]
public sealed class OperationsTests : IAsyncLifetime
{
    /// <summary>The bound: ready turns unhealthy within 10 s of PostgreSQL going away.</summary>
    private static readonly TimeSpan UnhealthyWithin = TimeSpan.FromSeconds(10);

    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("ops");
        _app = RunningApp.Start(_database.ConnectionString, new Dictionary<string, string> { ["Ingestion:RequestsPerSecond"] = "1000" });
        await _app.Services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await SetConnectionsAllowedAsync(true);
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Ready_IsHealthy_OnARunningApp_WithEveryCheckNamed_AndNoConnectionDetails()
    {
        using var http = Anonymous();
        var (status, body) = await WaitForAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        Assert.Equal(["change-feed", "database", "jobs", "refresh"], json.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("5433", body, StringComparison.Ordinal);
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Ready_TurnsUnhealthyWithinTenSeconds_WhenTheDatabaseIsUnreachable_LiveStaysUp_AndReadyRecovers()
    {
        using var http = Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await WaitForAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(60))).Status);
        var admin = await Session.StartAsync(_app, [Roles.Admin]);

        await SetConnectionsAllowedAsync(false);
        var watch = Stopwatch.StartNew();
        var (status, body) = await WaitForAsync(http, HttpStatusCode.ServiceUnavailable, UnhealthyWithin);
        var unhealthyAfter = watch.Elapsed;

        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"/health/ready still answered {(int)status} {unhealthyAfter.TotalSeconds:0.0} s after the database went away: {body}");
        Assert.Equal("Unhealthy", JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        using (var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        using (var page = await admin.Client(_app).GetAsync(new Uri("/admin/operations", UriKind.Relative)))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"The operations page answered {(int)page.StatusCode} with the database away.");
            Assert.Contains("id=\"operations-problem\"", html, StringComparison.Ordinal);
        }

        await SetConnectionsAllowedAsync(true);
        watch.Restart();
        var (recovered, recoveredBody) = await WaitForAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.True(recovered == HttpStatusCode.OK, $"/health/ready did not recover within 60 s: {recoveredBody}");
        Console.WriteLine($"ready: unhealthy after {unhealthyAfter.TotalSeconds:0.0} s, healthy again after {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Metrics_ShowTheCentersInstruments_AfterEventsAreIngested()
    {
        var key = (await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("ops", true, [], "test")).Secret;
        using (var api = new HttpClient { BaseAddress = _app.Address })
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var posted = await api.PostAsJsonAsync("/api/v1/events", new { events = Events.Lifecycle("ops", "CASE-OPS", "79-01") });
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }
        var admin = (await Session.StartAsync(_app, [Roles.Admin])).Client(_app);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        do
        {
            // The exporter caches a scrape for a moment; the refresh the events cause comes shortly after them.
            await Task.Delay(500);
            text = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }
        while (!(text.Contains("mc_ingestion_events_accepted", StringComparison.Ordinal) && text.Contains("mc_refresh_duration", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline);

        Assert.Contains("mc_ingestion_events_accepted", text, StringComparison.Ordinal);
        Assert.Contains("mc_refresh_rows", text, StringComparison.Ordinal);
        Assert.Contains("mc_refresh_duration", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ThroughAProxy_AreForAdminsOnly_WhileALocalScraperNeedsNoSignIn()
    {
        var operatorClient = (await Session.StartAsync(_app, [Roles.Operator])).Client(_app);
        var adminClient = (await Session.StartAsync(_app, [Roles.Admin])).Client(_app);
        using var anonymous = Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(operatorClient, "/metrics", forwarded: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(anonymous, "/metrics", forwarded: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(adminClient, "/metrics", forwarded: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(anonymous, "/metrics", forwarded: false)).StatusCode);
        // Health stays open through the proxy: nginx and load balancers call it.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(anonymous, "/health/live", forwarded: true)).StatusCode);
    }

    [Fact]
    public async Task OperationsPage_ShowsTheFiguresToAnAdmin_AndIsRefusedToAnOperator()
    {
        var admin = (await Session.StartAsync(_app, [Roles.Admin])).Client(_app);
        var operatorClient = (await Session.StartAsync(_app, [Roles.Operator])).Client(_app);

        using var page = await admin.GetAsync(new Uri("/admin/operations", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var refused = await operatorClient.GetAsync(new Uri("/admin/operations", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var tile in new[] { "ops-nodes", "ops-refresh", "ops-screens", "ops-ingestion", "ops-failed-jobs" })
        {
            Assert.Contains($"id=\"{tile}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"operations-problem\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Address };

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, bool forwarded)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (forwarded)
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }
        return await client.SendAsync(request);
    }

    /// <summary>Polls <c>/health/ready</c> until it answers <paramref name="wanted"/> or the time is up; the last answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> WaitForAsync(HttpClient http, HttpStatusCode wanted, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == wanted || deadline.Elapsed > within)
            {
                return (response.StatusCode, body);
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Makes the app's database unreachable for it (new connections refused, open ones cut) or reachable again; the shared server keeps running.</summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"alter database \"{_database.Name}\" allow_connections {(allowed ? "true" : "false")}");
        if (!allowed)
        {
            await admin.ExecuteAsync("select pg_terminate_backend(pid) from pg_stat_activity where datname = @name and pid <> pg_backend_pid()", new { name = _database.Name });
        }
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Platform.Jobs;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Platform.Jobs;

/// <summary>
/// The Hangfire dashboard at <c>/jobs</c>: served to Admins, refused to every other role, and
/// anonymous requests are sent to sign-in.
/// </summary>
[Trait("Category", "Database")]
public sealed partial class JobsDashboardTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("jobsdash");
        _app = RunningApp.Start(_database.ConnectionString, new Dictionary<string, string> { ["Jobs:SchedulePollingInterval"] = "00:00:01" });
        await _app.Services.GetRequiredService<JobStorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Jobs_AsAdmin_IsTheHangfireDashboard()
    {
        using var client = (await Session.StartAsync(_app, [Roles.Admin])).Client(_app);

        var response = await client.GetAsync(_app.Url("/jobs"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Monitoring Center · jobs", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("hangfireConfig", html, StringComparison.Ordinal);
        // Its script and stylesheet are served from under /jobs too (our content security policy allows 'self' only).
        var script = ScriptSource().Match(html);
        Assert.True(script.Success, "the dashboard page names its script");
        var scriptResponse = await client.GetAsync(_app.Url(WebUtility.HtmlDecode(script.Groups[1].Value)));
        Assert.Equal(HttpStatusCode.OK, scriptResponse.StatusCode);
    }

    [Fact]
    public async Task RecurringPage_AsAdmin_ListsTheSchedules_AndTriggerNowRunsOne()
    {
        var admin = await Session.StartAsync(_app, [Roles.Admin]);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        handler.CookieContainer.Add(_app.Address, new Cookie(admin.Cookie.Name, admin.Cookie.Value));
        using var client = new HttpClient(handler);

        var html = await client.GetStringAsync(_app.Url("/jobs/recurring"));
        Assert.Contains(IncrementalRefreshJob.RecurringId, html, StringComparison.Ordinal);
        Assert.Contains(FullRefreshJob.RecurringId, html, StringComparison.Ordinal);
        Assert.Contains(AlertEvaluationJob.RecurringId, html, StringComparison.Ordinal);

        // "Trigger now", as the dashboard's script sends it: the form field and the antiforgery header it was given.
        using var trigger = new HttpRequestMessage(HttpMethod.Post, _app.Url("/jobs/recurring/trigger"))
        {
            Content = new FormUrlEncodedContent([new("jobs[]", FullRefreshJob.RecurringId)]),
        };
        var header = AntiforgeryHeader().Match(html);
        var token = AntiforgeryToken().Match(html);
        Assert.True(header.Success && token.Success, "the page carries its antiforgery header and token");
        trigger.Headers.Add(WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
        var response = await client.SendAsync(trigger);
        Assert.True(response.IsSuccessStatusCode, $"trigger now answered {(int)response.StatusCode}");

        await using var connection = await _database.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await connection.ExecuteScalarAsync<string?>("""
            select j.statename from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id
            where p.name = 'RecurringJobId' and p.value = @Id order by j.id desc limit 1
            """, new { Id = $"\"{FullRefreshJob.RecurringId}\"" }) != "Succeeded")
        {
            Assert.True(DateTime.UtcNow < deadline, "the triggered full rebuild succeeds within 60 s");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Jobs_Anonymous_IsSentToSignIn_AndOnlyAdminsAreServed()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Address };
        using var leader = (await Session.StartAsync(_app, [Roles.Leader])).Client(_app);
        using var operatorClient = (await Session.StartAsync(_app, [Roles.Operator])).Client(_app);

        var refused = await anonymous.GetAsync(new Uri("/jobs", UriKind.Relative));
        var asLeader = await leader.GetAsync(new Uri("/jobs", UriKind.Relative));
        var asOperator = await operatorClient.GetAsync(new Uri("/jobs/recurring", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/sign-in", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asLeader.StatusCode);
        Assert.DoesNotContain("hangfireConfig", await asLeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
    }

    [GeneratedRegex("<script src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

using Dapper;
using Microsoft.Extensions.Time.Testing;
using MonitoringCenter.Tests.Alerts;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Directives;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Directives;

/// <summary>A directive to Hồ Chí Minh City from issue to done in a database of its own; another province's Operator is refused; an overdue one raises an alert.</summary>
[Trait("Category", "Database")]
public sealed class DirectiveLifecycleTests : IAsyncLifetime
{
    // 10:00 on 15 December 2026 in Hồ Chí Minh City.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 15, 3, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = default!;
    private WebApplication _app = default!;

    private static readonly DateOnly Today = new(2026, 12, 15);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("directives");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.Configuration["Alerts:HoldFor"] = "00:10:00";
            builder.Configuration["Alerts:ClearFor"] = "00:10:00";
            // Only the directives' rule speaks here: the provinces have no data at all.
            builder.Configuration["Alerts:NoData:Enabled"] = "false";
            builder.AddReadModels();
            builder.AddProvinces();
            builder.AddAlerts();
            builder.AddDirectives();
        }, _time);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private DirectiveCommands Commands => _app.Services.GetRequiredService<DirectiveCommands>();

    private DirectiveQueries Queries => _app.Services.GetRequiredService<DirectiveQueries>();

    private async Task<long> IssueAsync(DateOnly due)
    {
        var result = await Commands.IssueAsync(
            new DirectiveDraft("79", "Rà soát 120 việc có điều kiện chưa thi hành xong", null, due, "Cục trưởng Cục THADS TP. Hồ Chí Minh"),
            People.Leader("lanh.dao@thads.test"), "10.0.0.7");
        Assert.Equal(DirectiveOutcome.Done, result.Outcome);
        return result.Id!.Value;
    }

    [Fact]
    public async Task DirectiveToProvince79_IsAcknowledged_ReportsProgress_IsDone_WithItsHistoryAndAuditRows()
    {
        var id = await IssueAsync(Today.AddDays(10));
        var scoped = People.Operator("hcm@thads.test", "79");

        Assert.Equal(DirectiveOutcome.Done, await Commands.AcknowledgeAsync(id, scoped, "Đã nhận, giao Phòng Nghiệp vụ"));
        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(DirectiveOutcome.Done, await Commands.ReportProgressAsync(id, scoped, 60, "Đã rà soát 72/120 việc"));
        // Acknowledging twice is not an action that applies any more.
        Assert.Equal(DirectiveOutcome.NotApplicable, await Commands.AcknowledgeAsync(id, scoped, null));
        _time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(DirectiveOutcome.Done, await Commands.CompleteAsync(id, scoped, "Đã rà soát đủ 120 việc, 31 việc đã xong"));
        Assert.Equal(DirectiveOutcome.NotApplicable, await Commands.ReportProgressAsync(id, scoped, 70, "sau khi xong"));

        var done = (await Queries.GetAsync(id))!;
        Assert.Equal(DirectiveState.Done, done.State);
        Assert.Equal(DirectiveBucket.Done, done.Bucket);
        Assert.Equal(100, done.Progress);
        Assert.Equal("hcm@thads.test", done.AcknowledgedBy);
        Assert.Equal("hcm@thads.test", done.DoneBy);
        Assert.Equal("Thành phố Hồ Chí Minh", done.ProvinceName);
        var history = await Queries.HistoryAsync(id);
        Assert.Equal(["issue", "acknowledge", "progress", "done"], history.Select(e => e.Action));
        Assert.Equal(["lanh.dao@thads.test", "hcm@thads.test", "hcm@thads.test", "hcm@thads.test"], history.Select(e => e.Actor));
        Assert.Equal(60, history[2].Progress);
        Assert.Contains(await Queries.ListAsync(DirectiveBucket.Done, "79"), d => d.Id == id);
        Assert.DoesNotContain(await Queries.ListAsync(DirectiveBucket.Open, "79"), d => d.Id == id);

        await using var connection = await _database.OpenAsync();
        var audit = (await connection.QueryAsync<(string Action, string Actor, string Province)>(
            "select action, actor, province_code from audit_log where subject = @subject order by id", new { subject = $"directive:{id}" })).ToList();
        Assert.Equal(
            [("directive.issue", "lanh.dao@thads.test", "79"), ("directive.acknowledge", "hcm@thads.test", "79"),
             ("directive.progress", "hcm@thads.test", "79"), ("directive.done", "hcm@thads.test", "79")], audit);
    }

    [Fact]
    public async Task OperatorOfAnotherProvince_IsRefused_AndNothingChanges()
    {
        var id = await IssueAsync(Today.AddDays(10));
        var hanoi = People.Operator("hn@thads.test", "01");

        Assert.Equal(DirectiveOutcome.Refused, await Commands.AcknowledgeAsync(id, hanoi, null));
        Assert.Equal(DirectiveOutcome.Refused, await Commands.ReportProgressAsync(id, hanoi, 50, "không phải việc của mình"));
        Assert.Equal(DirectiveOutcome.Refused, await Commands.CompleteAsync(id, hanoi, "không phải việc của mình"));
        // A Leader reads and issues, a province's Operator answers: neither does the other's part.
        Assert.Equal(DirectiveOutcome.Refused, await Commands.AcknowledgeAsync(id, People.Leader("lanh.dao@thads.test"), null));
        var byProvince = await Commands.IssueAsync(new DirectiveDraft("01", "Tự giao", null, Today, "Cục trưởng"), People.Operator("hcm@thads.test", "79"));
        Assert.Equal(DirectiveOutcome.Refused, byProvince.Outcome);

        Assert.Equal(DirectiveState.Issued, (await Queries.GetAsync(id))!.State);
        Assert.Equal(["issue"], (await Queries.HistoryAsync(id)).Select(e => e.Action));
        await using var connection = await _database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select count(*)::int from audit_log where subject = @subject", new { subject = $"directive:{id}" }));
    }

    [Fact]
    public async Task OverdueDirective_RaisesTheDirectiveOverdueAlert_ThroughTheEvaluator_AndItResolvesOnceDone()
    {
        var id = await IssueAsync(Today.AddDays(1));
        var evaluator = _app.Services.GetRequiredService<AlertEvaluator>();
        var alerts = _app.Services.GetRequiredService<AlertQueries>();
        await evaluator.EvaluateAsync();
        Assert.DoesNotContain(await alerts.ListAsync(AlertFilter.All, subject: "79"), a => a.Rule == AlertRules.DirectiveOverdue);
        Assert.Equal(DirectiveBucket.DueSoon, (await Queries.GetAsync(id))!.Bucket);

        // Two days later the due date (tomorrow) has passed by one day.
        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(DirectiveBucket.Overdue, (await Queries.GetAsync(id))!.Bucket);
        Assert.Equal(1, (await Queries.CountsAsync("79")).Overdue);
        await evaluator.EvaluateAsync();
        var pending = Assert.Single(await alerts.ListAsync(AlertFilter.All, subject: "79"), a => a.Rule == AlertRules.DirectiveOverdue);
        Assert.Equal(AlertState.Pending, pending.State);
        _time.Advance(TimeSpan.FromMinutes(11));
        await evaluator.EvaluateAsync();
        var firing = (await alerts.GetAsync(pending.Id))!;
        Assert.Equal(AlertState.Firing, firing.State);
        Assert.Equal(AlertSeverity.Warning, firing.Severity);
        Assert.Equal("Chỉ đạo quá hạn", firing.Title);
        Assert.Contains("1 chỉ đạo quá hạn", firing.Message, StringComparison.Ordinal);
        Assert.Contains((await alerts.TickerAsync()).Alerts, a => a.Id == firing.Id);

        // A week past the date it is critical.
        _time.Advance(TimeSpan.FromDays(6));
        await evaluator.EvaluateAsync();
        Assert.Equal(AlertSeverity.Critical, (await alerts.GetAsync(pending.Id))!.Severity);

        Assert.Equal(DirectiveOutcome.Done, await Commands.CompleteAsync(id, People.Operator("hcm@thads.test", "79"), "Đã xong"));
        await evaluator.EvaluateAsync();
        _time.Advance(TimeSpan.FromMinutes(11));
        await evaluator.EvaluateAsync();
        Assert.Equal(AlertState.Resolved, (await alerts.GetAsync(pending.Id))!.State);
    }
}

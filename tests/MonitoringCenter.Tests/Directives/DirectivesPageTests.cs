using Dapper;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using Xunit.Abstractions;

namespace MonitoringCenter.Tests.Directives;

/// <summary>The directives board, the province page's directives and the alert console's link, in a real Chromium against a database of their own.</summary>
/// <remarks>In the demo-data collection only to run after its bulk load, not beside it (as the alert console's tests).</remarks>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class DirectivesPageTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>, IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;
    private long _alertId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("directivepage");
        await _database.MigrateAsync();
        await using (var connection = await _database.OpenAsync())
        {
            _alertId = await connection.ExecuteScalarAsync<long>("""
                insert into alert (rule, subject, severity, state, message, value, threshold, condition_since, fired_at, last_evaluated_at)
                values ('behind-pace-cases', '79', 2, 'firing', 'Tỷ lệ việc 61,20% chậm 2,10 điểm % so với tiến độ', 2.1, 1.5, now(), now(), now())
                returning id
                """);
            // One directive to the city, five days past its date on the center's calendar.
            await connection.ExecuteAsync("""
                insert into directive (province_code, title, due_on, responsible, issued_by, issued_at, updated_at)
                values ('79', 'Báo cáo các việc trên 1 năm chưa xong', (now() at time zone 'Asia/Ho_Chi_Minh')::date - 5, 'Phó Cục trưởng phụ trách', 'lanh.dao@thads.test', now() - interval '20 days', now())
                """);
        }
        _app = RunningApp.Start(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task LeaderIssuesFromTheAlert_ProvinceOperatorAcknowledgesReportsAndCompletes_AnotherProvinceOnlyReads_AndTheHistoryShowsEveryStep()
    {
        // The alert console links to the board with the province and the alert filled in.
        var leader = await Session.StartAsync(_app, [Roles.Leader]);
        var page = await browser.NewWallPageAsync(_app, leader);
        await page.GotoAsync(_app.Url($"/alerts?selected={_alertId}&filter=all").ToString());
        var link = page.Locator("#alert-directive");
        Assert.Equal($"/directives?province=79&alert={_alertId}&new=1", await link.GetAttributeAsync("href"));
        await page.GotoAsync(_app.Url($"/directives?province=79&alert={_alertId}&new=1").ToString());
        await page.Locator("#directive-board[data-interactive=true]").WaitForAsync();
        Assert.Equal("79", await page.Locator("#issue-province").InputValueAsync());
        Assert.Contains($"#{_alertId}", await page.Locator("#issue-alert").InnerTextAsync(), StringComparison.Ordinal);

        // Nothing typed: every problem at once, in Vietnamese, nothing saved.
        await page.Locator("#issue-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#directive-issue .validation-message")).ToHaveCountAsync(2);
        Assert.Contains("Nhập nội dung chỉ đạo", await page.Locator("#directive-issue").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#issue-title").FillAsync("Đẩy nhanh 120 việc có điều kiện tại Khu vực 17");
        await page.Locator("#issue-responsible").FillAsync("Cục trưởng Cục THADS TP. Hồ Chí Minh");
        await page.Locator("#issue-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#directive-done")).ToHaveTextAsync("Đã giao chỉ đạo cho Thành phố Hồ Chí Minh.");
        var id = long.Parse(await page.Locator("#directive-detail").GetAttributeAsync("data-directive-id") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(leader.Email, await page.Locator("#directive-history li[data-action=issue]").InnerTextAsync(), StringComparison.Ordinal);
        // A Leader directs; answering is the province's.
        Assert.Equal(1, await page.Locator("#directive-actions-readonly").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("directives-issued-1920x1080.png") });

        // An Operator of Hà Nội reads it and cannot answer it.
        var hanoi = await browser.NewWallPageAsync(_app, await Session.StartAsync(_app, [Roles.Operator], ["01"]));
        await hanoi.GotoAsync(_app.Url($"/directives?selected={id}").ToString());
        await hanoi.Locator("#directive-board[data-interactive=true]").WaitForAsync();
        Assert.Contains("chỉ cập nhật được chỉ đạo của tỉnh, thành phố được giao", await hanoi.Locator("#directive-actions-readonly").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await hanoi.Locator("#directive-new").CountAsync());

        // The city's Operator acknowledges, reports, completes.
        var hcm = await Session.StartAsync(_app, [Roles.Operator], ["79"]);
        var city = await browser.NewWallPageAsync(_app, hcm);
        await city.GotoAsync(_app.Url($"/directives?selected={id}").ToString());
        await city.Locator("#directive-board[data-interactive=true]").WaitForAsync();
        var acknowledged = System.Diagnostics.Stopwatch.StartNew();
        await city.Locator("#act-acknowledge").ClickAsync();
        await Assertions.Expect(city.Locator("#directive-done")).ToHaveTextAsync("Đã tiếp nhận chỉ đạo.");
        await Assertions.Expect(city.Locator("#directive-state")).ToHaveTextAsync("Đang thực hiện · 0%");
        // The Leader's board, open all along, follows without a reload: its detail and its history.
        await Assertions.Expect(page.Locator("#directive-state")).ToHaveTextAsync("Đang thực hiện · 0%", new() { Timeout = 5_000 });
        output.WriteLine($"acknowledged on the province's board → shown on the Leader's open board: {acknowledged.ElapsedMilliseconds} ms (from the click)");
        await Assertions.Expect(page.Locator("#directive-history li[data-action=acknowledge]")).ToHaveCountAsync(1);
        // A progress report needs words.
        await city.Locator("#act-progress").ClickAsync();
        await Assertions.Expect(city.Locator("#directive-actions .validation-message")).ToHaveTextAsync("Nhập nội dung báo cáo tiến độ.");
        await city.Locator("#answer-note").FillAsync("Đã xử lý 60/120 việc");
        await city.Locator("#answer-progress").FillAsync("50");
        await city.Locator("#act-progress").ClickAsync();
        await Assertions.Expect(city.Locator("#directive-state")).ToHaveTextAsync("Đang thực hiện · 50%");
        await city.Locator("#answer-note").FillAsync("Đã xử lý đủ 120 việc");
        await city.Locator("#act-complete").ClickAsync();
        await Assertions.Expect(city.Locator("#directive-state")).ToHaveTextAsync("Đã hoàn thành · 100%");
        await Assertions.Expect(hanoi.Locator("#directive-state")).ToHaveTextAsync("Đã hoàn thành · 100%", new() { Timeout = 5_000 });
        Assert.Equal(["issue", "acknowledge", "progress", "done"],
            await city.Locator("#directive-history li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.action)"));
        Assert.Contains("(50%)", await city.Locator("#directive-history li[data-action=progress]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await city.Locator("#directive-actions").CountAsync());
        await city.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("directives-done-1920x1080.png") });

        // The board's tabs: it is done now; the older one is overdue.
        await city.Locator("#bucket-filters [data-bucket=done]").ClickAsync();
        await Assertions.Expect(city.Locator($"#directive-list tr[data-directive-id='{id}']")).ToHaveCountAsync(1);
        await city.Locator("#bucket-filters [data-bucket=overdue]").ClickAsync();
        await Assertions.Expect(city.Locator("#directive-list tr[data-bucket=overdue]")).ToHaveCountAsync(1);
        Assert.Contains("quá hạn 5 ngày", await city.Locator("#directive-list tr[data-bucket=overdue]").InnerTextAsync(), StringComparison.Ordinal);

        await using var connection = await _database.OpenAsync();
        Assert.Equal(["directive.issue", "directive.acknowledge", "directive.progress", "directive.done"],
            (await connection.QueryAsync<string>("select action from audit_log where subject = @subject order by id", new { subject = $"directive:{id}" })).ToArray());
        Assert.Equal(_alertId, await connection.ExecuteScalarAsync<long>("select alert_id from directive where id = @id", new { id }));
    }

    [Fact]
    public async Task LeaderIssuesFromAMeetingNote_TheFormStartsWithTheNotesProvinceAndWords_AndTheDirectiveKeepsTheNote()
    {
        long noteId;
        await using (var connection = await _database.OpenAsync())
        {
            noteId = await connection.ExecuteScalarAsync<long>("""
                insert into review_note (stat_year, as_of, province_code, body, author)
                values (2025, '2025-09-30', '79', 'Rà soát 15 việc trên 10 tỷ đồng chưa có tiến triển', 'lanh.dao@thads.test') returning id
                """);
        }
        var leader = await Session.StartAsync(_app, [Roles.Leader]);
        var page = await browser.NewWallPageAsync(_app, leader);
        await page.GotoAsync(_app.Url("/review/provinces/79?year=2025&point=12").ToString());
        var link = page.Locator($"#review-notes li[data-note='{noteId}'] a.note-directive");
        Assert.Equal($"/directives?province=79&note={noteId}&new=1", await link.GetAttributeAsync("href"));

        await link.ClickAsync();
        await page.Locator("#directive-board[data-interactive=true]").WaitForAsync();
        Assert.Equal("79", await page.Locator("#issue-province").InputValueAsync());
        Assert.Equal("Rà soát 15 việc trên 10 tỷ đồng chưa có tiến triển", await page.Locator("#issue-title").InputValueAsync());
        Assert.Contains($"#{noteId}", await page.Locator("#issue-note").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#issue-responsible").FillAsync("Cục trưởng Cục THADS TP. Hồ Chí Minh");
        await page.Locator("#issue-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#directive-done")).ToHaveTextAsync("Đã giao chỉ đạo cho Thành phố Hồ Chí Minh.");
        Assert.Contains($"ghi chú #{noteId}", await page.Locator("#directive-detail").InnerTextAsync(), StringComparison.Ordinal);

        await using var check = await _database.OpenAsync();
        Assert.Equal(noteId, await check.ExecuteScalarAsync<long?>(
            "select review_note_id from directive where title = 'Rà soát 15 việc trên 10 tỷ đồng chưa có tiến triển'"));

        // A note that is gone: the form says so and the directive would not refer to it.
        await page.GotoAsync(_app.Url($"/directives?province=79&note={noteId + 1000}&new=1").ToString());
        await page.Locator("#directive-board[data-interactive=true]").WaitForAsync();
        Assert.Contains($"#{noteId + 1000}", await page.Locator("#issue-note-missing").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#issue-note").CountAsync());
    }

    [Fact]
    public async Task ProvincePage_ListsItsOpenDirectives_WithTheOverdueOneMarked_AndLinksToIssueOne()
    {
        var page = await browser.NewWallPageAsync(_app);
        await page.GotoAsync(_app.Url("/wall/provinces/79").ToString());

        var overdue = page.Locator("#province-directives li[data-bucket=overdue]");
        await Assertions.Expect(overdue).ToHaveCountAsync(1);
        Assert.Contains("Quá hạn 5 ngày", await overdue.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Báo cáo các việc trên 1 năm chưa xong", await overdue.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("/directives?province=79&new=1", await page.Locator(".section-link", new() { HasText = "Giao chỉ đạo" }).GetAttributeAsync("href"));
    }

    [Fact]
    public async Task AnonymousGet_Directives_IsARedirectToSignIn_AndShowsNothing()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Address };

        using var response = await http.GetAsync(new Uri("/directives?province=79", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Báo cáo các việc", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

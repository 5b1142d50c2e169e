using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Ingestion;

/// <summary>
/// Figures from statistical reports say out loud whether they are preliminary or official, and a
/// revision what it changed: on the national wall, the province board and the snapshot API; a
/// province whose report is due and missing says "chưa báo cáo".
/// </summary>
[Trait("Category", "Database")]
public sealed class ReportVersionsTests(IngestionApp ingestion) : IClassFixture<IngestionApp>
{
    private const string Wall = "/wall?year=2027&asOf=2026-10-31";
    private const string Board = "/wall/provinces?year=2027&asOf=2026-10-31";

    [Fact]
    public async Task PreliminaryThenOfficial_IsSaidOnTheWallTheBoardAndTheApi_WithTheRevision()
    {
        using var api = ingestion.Client(ingestion.AllKey);
        using var person = (await Session.StartAsync(ingestion.App, [Roles.Leader])).Client(ingestion.App);
        var refresher = ingestion.App.Services.GetRequiredService<KpiRefresher>();
        (await api.PostAsJsonAsync("/api/v1/reports", ReportsApiTests.Report("44", "preliminary", 1, collected: 500, completed: 40))).EnsureSuccessStatusCode();
        await refresher.RefreshDirtyAsync();

        var wall = await PageAsync(person, Wall);
        Assert.Equal("1", wall.QuerySelector("#report-versions")!.GetAttribute("data-preliminary"));
        Assert.Contains("1 sơ bộ", wall.QuerySelector("#report-versions")!.TextContent, StringComparison.Ordinal);
        Assert.Null(wall.QuerySelector("#report-revision"));
        var board = await PageAsync(person, Board);
        Assert.Equal("báo cáo sơ bộ", board.QuerySelector("tr[data-code='44'] .source-tag.reports")!.TextContent.Trim());
        // The other provinces sent nothing for October, due ten days after: not zero, "chưa báo cáo".
        Assert.Equal("chưa báo cáo", board.QuerySelector("tr[data-code='42'] .source-tag.not-reported")!.TextContent.Trim());

        (await api.PostAsJsonAsync("/api/v1/reports", ReportsApiTests.Report("44", "official", 1, collected: 450, completed: 37))).EnsureSuccessStatusCode();
        await refresher.RefreshDirtyAsync();

        wall = await PageAsync(person, Wall);
        Assert.Contains("1 chính thức", wall.QuerySelector("#report-versions")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("điều chỉnh so với số sơ bộ: −3 việc", wall.QuerySelector("#report-revision")!.TextContent.Trim(' ', '·'), StringComparison.Ordinal);
        board = await PageAsync(person, Board);
        var tag = board.QuerySelector("tr[data-code='44'] .source-tag.reports")!;
        Assert.Equal("báo cáo chính thức", tag.TextContent.Trim());
        Assert.Contains("điều chỉnh so với số sơ bộ: −3 việc", tag.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Null(board.QuerySelector("tr[data-code='44'] .source-tag.not-reported"));

        var snapshot = await IngestionApp.JsonAsync(await api.GetAsync("/api/v1/snapshot/44?year=2027"));
        var unit = snapshot.GetProperty("unit");
        Assert.Equal("reports", unit.GetProperty("source").GetString());
        Assert.Equal("official", unit.GetProperty("version").GetString());
        Assert.Equal("2026-10-31", unit.GetProperty("reportPeriodEnd").GetString());
        Assert.True(unit.GetProperty("reportReceivedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(-3, unit.GetProperty("revision").GetProperty("casesCompleted").GetInt64());
        Assert.Equal(37, unit.GetProperty("total").GetProperty("casesCompleted").GetInt64());

        // The calendar and the history: who reported which period, and which report is in use.
        var calendar = await PageAsync(person, "/reports?year=2027");
        // October's report, due 10/11/2026, arrived today: late.
        Assert.Equal("late", calendar.QuerySelector("#report-calendar tr[data-province='44'] td")!.GetAttribute("data-state"));
        Assert.StartsWith("trễ: chính thức", calendar.QuerySelector("#report-calendar tr[data-province='44'] td")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("missing", calendar.QuerySelector("#report-calendar tr[data-province='42'] td")!.GetAttribute("data-state"));
        Assert.Equal("chưa báo cáo", calendar.QuerySelector("#report-calendar tr[data-province='42'] td")!.TextContent.Trim());
        var history = await PageAsync(person, "/reports?year=2027&province=44");
        var rows = history.QuerySelectorAll("#report-history tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["chính thức|platform|✓ đang dùng", "sơ bộ|platform|đã thay"],
            rows.Select(r => $"{r.Children[3].TextContent}|{r.Children[5].TextContent}|{r.Children[11].TextContent}"));
    }

    [Fact]
    public async Task ProvinceWithCasesAndItsOwnReport_IsReconciled_AndADifferenceBeyondTheToleranceIsFlagged()
    {
        using var api = ingestion.Client(ingestion.AllKey);
        using var person = (await Session.StartAsync(ingestion.App, [Roles.Leader])).Client(ingestion.App);
        (await ingestion.PostEventsAsync(ingestion.AllKey, Events.Accepted("rec-1", "CASE-REC-1", "51-01", "2026-10-02", 70))).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/reports", ReportsApiTests.Report("51", "official", 1))).EnsureSuccessStatusCode();
        await ingestion.App.Services.GetRequiredService<KpiRefresher>().RefreshDirtyAsync();

        var page = await PageAsync(person, "/reports?year=2027&province=51");

        var rows = page.QuerySelectorAll("#report-reconcile tbody tr[data-province='51']").ToList();
        Assert.Equal(6, rows.Count);
        var toEnforce = rows.Single(r => r.Children[2].TextContent == "Việc phải thi hành");
        // The platform counts one case; the province reported 100.
        Assert.Equal(["1", "100", "−99"], toEnforce.Children.Skip(3).Take(3).Select(c => c.TextContent.Trim()));
        Assert.Equal("true", toEnforce.GetAttribute("data-flagged"));
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}

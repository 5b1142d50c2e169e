using System.Net.Http.Json;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Ingestion;

[Trait("Category", "Database")]
public sealed class ReportsApiTests(IngestionApp ingestion) : IClassFixture<IngestionApp>
{
    public static object Report(string province, string version, int months, long collected = 400, int completed = 30) => new
    {
        province,
        statYear = 2027,
        months,
        version,
        categories = new[]
        {
            new { category = "other", casesToEnforce = 100L, casesWithConditions = 60L, casesCompleted = (long)completed,
                  moneyToEnforce = 1_000L, moneyWithConditions = 800L, moneyCollected = collected },
        },
    };

    [Fact]
    public async Task LaterOfficialReport_ReplacesEarlier_AndAPreliminaryNeverReplacesAnOfficial()
    {
        using var client = ingestion.Client(ingestion.Key01);

        var preliminary = await IngestionApp.JsonAsync(await client.PostAsJsonAsync("/api/v1/reports", Report("01", "preliminary", 1, 100)));
        var official = await IngestionApp.JsonAsync(await client.PostAsJsonAsync("/api/v1/reports", Report("01", "official", 1, 200)));
        var corrected = await IngestionApp.JsonAsync(await client.PostAsJsonAsync("/api/v1/reports", Report("01", "official", 1, 300)));
        var late = await IngestionApp.JsonAsync(await client.PostAsJsonAsync("/api/v1/reports", Report("01", "preliminary", 1, 700)));

        Assert.Equal([true, true, true, false], new[] { preliminary, official, corrected, late }.Select(r => r.GetProperty("effective").GetBoolean()));
        Assert.Equal("2026-10-31", corrected.GetProperty("periodEnd").GetString());
        await using var connection = await ingestion.Database.OpenAsync();
        Assert.Equal(300, await connection.ExecuteScalarAsync<long>("""
            select l.money_collected from report_effective r join statistical_report_line l on l.report_id = r.id
            where r.province_code = '01' and r.period_end = '2026-10-31'
            """));
        Assert.Equal(4, await connection.ExecuteScalarAsync<long>("select count(*) from statistical_report where province_code = '01' and period_end = '2026-10-31'"));
    }

    [Fact]
    public async Task CsvReport_IsStored_AndABadLineIsNamed()
    {
        using var client = ingestion.Client(ingestion.AllKey);
        const string header = "province,office,stat_year,months,period_end,version,category,cases_to_enforce,cases_with_conditions,cases_completed,money_to_enforce,money_with_conditions,money_collected";
        var good = $"\uFEFF{header}\r\n31,,2027,,2026-11-15,official,credit-banking,10,8,4,5000,4000,1000\r\n31,,2027,,2026-11-15,official,other,20,10,5,100,50,10\r\n";
        var bad = $"{header}\n31,,2027,,2026-11-15,official,other,20,10,5,100,50,-10\n";

        var stored = await client.PostAsync("/api/v1/reports", new StringContent(good, Encoding.UTF8, "text/csv"));
        var rejected = await client.PostAsync("/api/v1/reports", new StringContent(bad, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.True((await IngestionApp.JsonAsync(rejected)).GetProperty("errors").TryGetProperty("line 2.money_collected", out _));
        await using var connection = await ingestion.Database.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(
            "select count(*) from statistical_report_line l join statistical_report r on r.id = l.report_id where r.province_code = '31'"));
    }

    [Fact]
    public async Task ReportWithCollectedAboveConditions_Gets400_NamingTheField()
    {
        using var client = ingestion.Client(ingestion.AllKey);

        var response = await client.PostAsJsonAsync("/api/v1/reports", Report("33", "official", 2, collected: 900));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await IngestionApp.JsonAsync(response)).GetProperty("errors").TryGetProperty("categories[0].moneyCollected", out _));
    }

    [Fact]
    public async Task ProvinceWithOnlyReports_IsShownFromThem_WhileCaseLevelDataWinsWhereItExists()
    {
        using var client = ingestion.Client(ingestion.AllKey);
        // Province 04 reports only; province 08 reports and also has case-level data.
        await client.PostAsJsonAsync("/api/v1/reports", Report("04", "official", 1, collected: 400, completed: 30));
        await client.PostAsJsonAsync("/api/v1/reports", Report("08", "official", 1, collected: 400, completed: 30));
        // 08's rows come from its report until its first case arrives; then from its cases.
        await ingestion.App.Services.GetRequiredService<KpiRefresher>().RefreshDirtyAsync();
        await ingestion.PostEventsAsync(ingestion.AllKey, Events.Accepted("both-1", "CASE-BOTH", "08-01", "2026-10-02", 70));

        await ingestion.App.Services.GetRequiredService<KpiRefresher>().RefreshDirtyAsync();
        var snapshot = await IngestionApp.JsonAsync(await client.GetAsync("/api/v1/snapshot?year=2027"));

        var units = snapshot.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("code").GetString()!);
        Assert.Equal("reports", units["04"].GetProperty("source").GetString());
        Assert.Equal(400, units["04"].GetProperty("total").GetProperty("moneyCollected").GetInt64());
        Assert.Equal(0.5m, units["04"].GetProperty("total").GetProperty("caseRate").GetDecimal());
        Assert.Equal("cases", units["08"].GetProperty("source").GetString());
        Assert.Equal(1, units["08"].GetProperty("total").GetProperty("casesToEnforce").GetInt64());
        Assert.Equal(70, units["08"].GetProperty("total").GetProperty("moneyToEnforce").GetInt64());
        var province = await IngestionApp.JsonAsync(await client.GetAsync("/api/v1/snapshot/04?year=2027"));
        Assert.Equal(100, province.GetProperty("unit").GetProperty("total").GetProperty("casesToEnforce").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/snapshot/99")).StatusCode);
    }

    [Fact]
    public async Task Screens_SayWhetherAProvinceIsShownFromReportsOrFromCasesWhereItHasBoth()
    {
        using var client = ingestion.Client(ingestion.AllKey);
        // Province 11 reports only; province 12 reports and also has case-level data; 14 has cases only.
        await client.PostAsJsonAsync("/api/v1/reports", Report("11", "official", 1));
        await client.PostAsJsonAsync("/api/v1/reports", Report("12", "official", 1));
        await ingestion.PostEventsAsync(ingestion.AllKey,
            Events.Accepted("src-1", "CASE-SRC-12", "12-01", "2026-10-02", 70),
            Events.Accepted("src-2", "CASE-SRC-14", "14-01", "2026-10-02", 70));
        await ingestion.App.Services.GetRequiredService<KpiRefresher>().RefreshDirtyAsync();

        using var browser = (await Session.StartAsync(ingestion.App, [Roles.Display])).Client(ingestion.App);
        var board = new HtmlParser().ParseDocument(await browser.GetStringAsync("/wall/provinces?year=2027"));
        var reportsOnly = new HtmlParser().ParseDocument(await browser.GetStringAsync("/wall/provinces/11?year=2027"));
        var both = new HtmlParser().ParseDocument(await browser.GetStringAsync("/wall/provinces/12?year=2027"));
        var casesOnly = new HtmlParser().ParseDocument(await browser.GetStringAsync("/wall/provinces/14?year=2027"));
        var wall = new HtmlParser().ParseDocument(await browser.GetStringAsync("/wall?year=2027"));

        string? Tag(string code) => board.QuerySelector($"#province-table tr[data-code='{code}'] .source-tag")?.TextContent.Trim();
        Assert.Equal("báo cáo chính thức", Tag("11"));
        Assert.Equal("vụ việc", Tag("12"));
        Assert.Null(Tag("14"));
        Assert.Contains("\"báo cáo\": số liệu theo báo cáo thống kê", board.QuerySelector("#province-table .table-note")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Nguồn số liệu: báo cáo thống kê chính thức kỳ đến 31/10/2026, nhận lúc ", reportsOnly.QuerySelector(".figure-source")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Nguồn số liệu: dữ liệu vụ việc. Tỉnh cũng gửi báo cáo thống kê; màn hình dùng dữ liệu vụ việc.",
            both.QuerySelector(".figure-source")!.TextContent.Trim());
        Assert.Equal("Nguồn số liệu: dữ liệu vụ việc.", casesOnly.QuerySelector(".figure-source")!.TextContent.Trim());
        Assert.Matches(@"\d+ tỉnh theo báo cáo thống kê", wall.QuerySelector("#data-as-of .from-reports")!.TextContent);
    }

    [Fact]
    public async Task ProvinceWhoseOnlyCaseMovesAway_IsShownFromItsReportsAgain()
    {
        using var client = ingestion.Client(ingestion.AllKey);
        var refresher = ingestion.App.Services.GetRequiredService<KpiRefresher>();
        await client.PostAsJsonAsync("/api/v1/reports", Report("15", "official", 1));
        await ingestion.PostEventsAsync(ingestion.AllKey, Events.Accepted("away-1", "CASE-AWAY", "15-01", "2026-10-02", 70));
        await refresher.RefreshDirtyAsync();
        var withCase = await IngestionApp.JsonAsync(await client.GetAsync("/api/v1/snapshot/15?year=2027"));

        await ingestion.PostEventsAsync(ingestion.AllKey, Events.Transferred("away-2", "CASE-AWAY", "15-01", "2026-10-20", "19-01"));
        await refresher.RefreshDirtyAsync();
        var afterMove = await IngestionApp.JsonAsync(await client.GetAsync("/api/v1/snapshot/15?year=2027"));

        Assert.Equal("cases", withCase.GetProperty("unit").GetProperty("source").GetString());
        Assert.Equal(1, withCase.GetProperty("unit").GetProperty("total").GetProperty("casesToEnforce").GetInt64());
        Assert.Equal("reports", afterMove.GetProperty("unit").GetProperty("source").GetString());
        Assert.Equal(100, afterMove.GetProperty("unit").GetProperty("total").GetProperty("casesToEnforce").GetInt64());
    }
}

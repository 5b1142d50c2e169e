using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Fleet;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Fleet;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Platform;
using UglyToad.PdfPig;

namespace MonitoringCenter.Tests.Review;

/// <summary>
/// Review mode as a leader uses it in a meeting, on the demo data (the ministry's published 2025
/// figures): the frozen national summary, the provinces, the exports, printing, presenting to a room.
/// </summary>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class ReviewPageTests(DemoDatabase demo, Browser browser, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<Browser>, IAsyncLifetime
{
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _app = RunningApp.Start(demo.Database.ConnectionString);
        await _app.Services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Leader_SeesTheYearAt12Months_ComparedWith2024_AndThe34Provinces()
    {
        var page = await browser.NewWallPageAsync(_app, await Session.StartAsync(_app, [Roles.Leader]));
        var response = await page.GotoAsync(_app.Url("/review?year=2025&point=12").ToString());

        Assert.Equal(200, response!.Status);
        await page.Locator("#review[data-interactive=true]").WaitForAsync();
        Assert.Contains("Số liệu chốt đến 30/09/2025", await page.Locator("#review-frozen").InnerTextAsync());
        Assert.Equal("576.884", await Cell(page, "cases-completed", 1));
        Assert.Equal("84,27%", await Cell(page, "case-rate", 1));
        Assert.Equal("150.060 tỷ đồng", await Cell(page, "money-collected", 1));
        Assert.Equal("56,62%", await Cell(page, "money-rate", 1));
        // Against 2024 at the same point: the published 2024 year (620.657 cases, 116.531 tỷ đồng, 51,84%).
        Assert.Equal("620.657", await Cell(page, "cases-completed", 2));
        Assert.Equal("+33.529 tỷ đồng", await Cell(page, "money-collected", 3));
        Assert.Equal("+4,78 điểm %", await Cell(page, "money-rate", 3));
        Assert.Contains("good", await page.Locator("#review-summary tr[data-row='money-rate'] td").Nth(2).GetAttributeAsync("class"));
        // Against the previous month-end (31/08/2025) and the target (51,90% money).
        var summaryHead = await page.Locator("#review-summary .summary-table thead").InnerTextAsync();
        Assert.True(summaryHead.Contains("31/08/2025", StringComparison.Ordinal), summaryHead);
        Assert.Equal("51,90%", (await page.Locator("#review-targets tr[data-row='target-money'] td").First.InnerTextAsync()).Trim());
        Assert.Equal(34, await page.Locator("#review-provinces tbody tr").CountAsync());
        Assert.Equal("576.884", (await page.Locator("#review-provinces tfoot td").Nth(1).InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("review-2025-12.png"), FullPage = true });

        // Sorting by a column, then filtering: the table and the address follow.
        await page.Locator("#review-provinces th[data-column='money-rate'] button").ClickAsync();
        await page.WaitForFunctionAsync("() => location.search.includes('sort=money-rate')");
        var rates = await page.Locator("#review-provinces tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.children[11].textContent.trim())");
        var values = rates.Select(r => decimal.Parse(r.TrimEnd('%').Replace(",", ".", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(values.Order().ToList(), values);
        await page.Locator("#filter-central").CheckAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#review-provinces tbody tr').length === 6");
        Assert.Contains("central=1", page.Url, StringComparison.Ordinal);

        // Through to a province and back, keeping the frozen point.
        await page.Locator("#review-provinces tbody tr[data-province='79'] a").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/review/provinces/79");
        Assert.Contains("point=12", page.Url, StringComparison.Ordinal);
        await page.Locator("#review-province[data-province='79']").WaitForAsync();
        Assert.True(await page.Locator("#review-offices tbody tr").CountAsync() > 0, await page.Locator("#review").InnerTextAsync());
        await page.Locator("#review-back").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/review");
        Assert.Contains("Số liệu chốt đến 30/09/2025", await page.Locator("#review-frozen").InnerTextAsync());
    }

    [Fact]
    public async Task ExportedXlsx_Has34Provinces_AndNationalTotalsEqualToTheSnapshotApi()
    {
        var leader = await Session.StartAsync(_app, [Roles.Leader]);
        using var client = leader.Client(_app);

        using var xlsx = await client.GetAsync(new Uri("/review/export.xlsx?year=2025&point=12&sort=name", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var (rows, formats) = ReadSheet(await xlsx.Content.ReadAsByteArrayAsync());
        var header = rows.FindIndex(r => r.FirstOrDefault() == "Tỉnh, thành phố");
        var provinces = rows.Skip(header + 1).Take(34).ToList();
        var totals = rows[header + 35];
        Assert.Equal(header + 36, rows.Count);
        Assert.Equal(34, provinces.Select(r => r[0]).Distinct().Count());
        Assert.Equal("Toàn quốc", totals[0]);
        Assert.Contains("#,##0.0,,,", formats);

        var (_, secret) = await _app.Services.GetRequiredService<ApiKeys>().CreateAsync("review-test", true, [], "test");
        using var api = new HttpClient { BaseAddress = _app.Address };
        api.DefaultRequestHeaders.Add("X-Api-Key", secret);
        using var snapshot = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/snapshot?year=2025", UriKind.Relative)));
        var nation = snapshot.RootElement.GetProperty("unit").GetProperty("total");
        var columns = rows[header];
        string Total(string column) => totals[columns.IndexOf(column)];
        Assert.Equal(nation.GetProperty("casesWithConditions").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Total("Việc có điều kiện"));
        Assert.Equal(nation.GetProperty("casesCompleted").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Total("Việc xong"));
        Assert.Equal(nation.GetProperty("moneyWithConditions").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Total("Tiền có điều kiện (tỷ đồng)"));
        Assert.Equal(nation.GetProperty("moneyCollected").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Total("Tiền thu được (tỷ đồng)"));
        Assert.Equal(576_884, long.Parse(Total("Việc xong"), System.Globalization.CultureInfo.InvariantCulture));
        // The provinces add up to the nation.
        Assert.Equal(long.Parse(Total("Việc xong"), System.Globalization.CultureInfo.InvariantCulture),
            provinces.Sum(r => long.Parse(r[columns.IndexOf("Việc xong")], System.Globalization.CultureInfo.InvariantCulture)));

        using var csv = await client.GetAsync(new Uri("/review/export.csv?year=2025&point=12&central=1", UriKind.Relative));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Tỉnh, thành phố", lines[0].Trim('"'), StringComparison.Ordinal);
        Assert.Equal(1 + 6 + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("Thành phố Hồ Chí Minh,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadPoint_IsExplained_OnThePageAndByTheExport()
    {
        var leader = await Session.StartAsync(_app, [Roles.Leader]);
        using var client = leader.Client(_app);
        using var export = await client.GetAsync(new Uri("/review/export.xlsx?year=2025&point=13", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await export.Content.ReadAsStringAsync()))
        {
            Assert.StartsWith("Kỳ \"13\" không hợp lệ", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var page = await browser.NewWallPageAsync(_app, leader);
        await page.GotoAsync(_app.Url("/review?year=2025&point=13").ToString());
        await page.Locator("#review[data-interactive=true]").WaitForAsync();
        Assert.Contains("không hợp lệ", await page.Locator("#review-problem").InnerTextAsync());
        // The year's last month-end instead, said so.
        await page.Locator("#review-summary").WaitForAsync();
        Assert.Contains("Số liệu chốt đến 30/09/2025", await page.Locator("#review-frozen").InnerTextAsync());
    }

    [Fact]
    public async Task PrintedReview_IsA4Landscape_WithTheTableHeaderOnEveryPage()
    {
        var leader = await Session.StartAsync(_app, [Roles.Leader]);
        var page = await browser.NewWallPageAsync(_app, leader);
        await page.GotoAsync(_app.Url("/review?year=2025&point=12").ToString());
        await page.Locator("#review[data-interactive=true] #review-provinces").WaitForAsync();

        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        await File.WriteAllBytesAsync(Browser.ArtifactPath("review-2025-12.pdf"), pdf);

        using var document = PdfDocument.Open(pdf);
        output.WriteLine($"printed pages: {document.NumberOfPages}");
        Assert.InRange(document.NumberOfPages, 2, 8);
        var provincePages = 0;
        foreach (var printed in document.GetPages())
        {
            Assert.True(printed.Width > printed.Height, $"page {printed.Number} is not landscape ({printed.Width}x{printed.Height})");
            Assert.InRange(printed.Width, 835, 850); // A4: 842 pt
            var text = string.Join(" ", printed.GetWords().Select(w => w.Text)).Normalize(System.Text.NormalizationForm.FormC);
            output.WriteLine($"page {printed.Number}: {text[..Math.Min(300, text.Length)]}");
            Assert.Contains("chốt", text, StringComparison.Ordinal);
            Assert.Contains("In bởi", text, StringComparison.Ordinal);
            if (text.Contains("Hồ Chí Minh", StringComparison.Ordinal) || text.Contains("Cao Bằng", StringComparison.Ordinal))
            {
                // Any page with province rows carries the table's header row.
                provincePages++;
                // Words only the province table's header has (cells wrap, so words, not phrases, in any order).
                Assert.Contains("Nguồn", text, StringComparison.Ordinal);
                Assert.Contains("thiếu", text, StringComparison.Ordinal);
            }
        }
        Assert.True(provincePages >= 1);
    }

    [Fact]
    public async Task Presenting_MovesTheRoomsScreenToThePresentersView_AndStoppingReturnsIt()
    {
        var commands = _app.Services.GetRequiredService<FleetCommands>();
        var admin = await ScreenClient.AdminAsync(_app);
        var screen = await browser.NewAnonymousPageAsync();
        await screen.GotoAsync(_app.Url("/screen").ToString());
        var code = await screen.Locator("#pairing-code").GetAttributeAsync("data-code");
        var paired = await commands.PairAsync(admin, code, "TV họp", "Phòng họp giao ban", "/wall", null);
        Assert.True(paired.Succeeded, paired.Message);
        await screen.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall", new PageWaitForURLOptions { Timeout = 15_000 });
        await screen.Locator("#screen-agent").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Task.Delay(1000); // the agent's hub connection

        var leader = await browser.NewWallPageAsync(_app, await Session.StartAsync(_app, [Roles.Leader]));
        await leader.GotoAsync(_app.Url("/review?year=2025&point=12").ToString());
        await leader.Locator("#review[data-interactive=true]").WaitForAsync();
        await leader.Locator("#present-room").SelectOptionAsync("Phòng họp giao ban");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await leader.Locator("#present-start").ClickAsync();

        // Moved: the screen's navigation to the presenter's view has begun (its page then loads as any wall page).
        await screen.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall/review", new PageWaitForURLOptions { Timeout = 1_000, WaitUntil = WaitUntilState.Commit });
        output.WriteLine($"present → screen on the review: {clock.ElapsedMilliseconds} ms");
        await screen.Locator("#review-provinces").WaitForAsync();
        Assert.Equal(34, await screen.Locator("#review-provinces tbody tr").CountAsync());
        // The fleet page's "đang trình chiếu" reads who presents to the room.
        Assert.True((await _app.Services.GetRequiredService<ScreenRegistry>().PresentersAsync()).ContainsKey("Phòng họp giao ban"));

        clock.Restart();
        await leader.Locator("#filter-lagging").CheckAsync();
        await screen.WaitForURLAsync(url => url.Contains("lagging=1", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 1_000, WaitUntil = WaitUntilState.Commit });
        output.WriteLine($"filter → screen follows: {clock.ElapsedMilliseconds} ms");

        clock.Restart();
        await leader.Locator("#present-stop").ClickAsync();
        await screen.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall", new PageWaitForURLOptions { Timeout = 2_000 });
        output.WriteLine($"stop → screen back on /wall: {clock.ElapsedMilliseconds} ms");
        await using var connection = new Npgsql.NpgsqlConnection(demo.Database.ConnectionString);
        var actions = (await Dapper.SqlMapper.QueryAsync<string>(connection,
            "select action from audit_log where action like 'review.present%' and subject = 'Phòng họp giao ban' order by id")).ToList();
        Assert.Equal(["review.present", "review.present-stop"], actions);
    }

    [Fact]
    public async Task LeadersNote_IsKeptForTheMeeting_AndAudited()
    {
        var page = await browser.NewWallPageAsync(_app, await Session.StartAsync(_app, [Roles.Leader]));
        await page.GotoAsync(_app.Url("/review?year=2025&point=10").ToString());
        await page.Locator("#review[data-interactive=true]").WaitForAsync();
        await page.Locator("#note-add").ClickAsync();
        Assert.Equal("Chọn tỉnh, thành phố cho ghi chú.", await page.Locator("#review-problem").InnerTextAsync());

        await page.Locator("#note-province").SelectOptionAsync("79");
        await page.Locator("#note-body").FillAsync("Đề nghị báo cáo các vụ tín dụng lớn chưa thi hành xong.");
        await page.Locator("#note-add").ClickAsync();

        await page.Locator("#notes-list li[data-province='79']").WaitForAsync();
        await page.ReloadAsync();
        Assert.Contains("tín dụng lớn", await page.Locator("#notes-list li[data-province='79']").InnerTextAsync());
        await page.GotoAsync(_app.Url("/review?year=2025&point=12").ToString());
        Assert.Equal(0, await page.Locator("#notes-list li[data-province='79']").Filter(new LocatorFilterOptions { HasText = "tín dụng lớn" }).CountAsync());
        await using var connection = new Npgsql.NpgsqlConnection(demo.Database.ConnectionString);
        Assert.Equal(1, await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "select count(*) from audit_log where action = 'review.note' and detail->>'body' like '%tín dụng lớn%'"));
    }

    private static async Task<string> Cell(IPage page, string row, int column) =>
        (await page.Locator($"#review-summary tr[data-row='{row}'] td").Nth(column - 1).InnerTextAsync()).Trim();

    private static (List<List<string>> Rows, HashSet<string> Formats) ReadSheet(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!;
        var formats = part.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Select(f => f.FormatCode!.Value!).ToHashSet();
        var rows = part.WorksheetParts.Single().Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>()
            .Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToList()).ToList();
        return (rows, formats);
    }
}

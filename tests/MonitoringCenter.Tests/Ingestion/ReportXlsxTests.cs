using System.Net;
using System.Net.Http.Headers;
using Dapper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MonitoringCenter.Web.Ingestion;

namespace MonitoringCenter.Tests.Ingestion;

/// <summary>A province's report sent as the spreadsheet it was made in: stored, or refused naming the sheet, row and column.</summary>
[Trait("Category", "Database")]
public sealed class ReportXlsxTests(IngestionApp ingestion) : IClassFixture<IngestionApp>
{
    [Fact]
    public async Task XlsxReport_IsStored_LikeItsCsvForm()
    {
        using var client = ingestion.Client(ingestion.AllKey);

        using var response = await PostAsync(client, Workbook(
            ["37", "", 2027, 1, "", "official", "credit-banking", 10, 8, 4, 5_000_000_000, 4_000_000_000, 1_000_000_000],
            ["37", "", 2027, 1, "", "official", "other", 200, 120, 60, 9_000_000, 5_000_000, 2_000_000]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var connection = await ingestion.Database.OpenAsync();
        Assert.Equal(1_002_000_000, await connection.ExecuteScalarAsync<long>("""
            select sum(l.money_collected) from statistical_report r join statistical_report_line l on l.report_id = r.id where r.province_code = '37'
            """));
    }

    [Fact]
    public async Task BadCell_IsNamedBySheetRowAndColumn_AndNothingIsWritten()
    {
        using var client = ingestion.Client(ingestion.AllKey);

        using var response = await PostAsync(client, Workbook(
            ["38", "", 2027, 1, "", "official", "credit-banking", 10, 8, 4, 5_000, 4_000, 1_000],
            ["38", "", 2027, 1, "", "official", "other", 200, 120, 60, 9_000, 5_000, -2_000]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await IngestionApp.JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("sheet \"Báo cáo\" row 3, column M (money_collected)", out _), errors.ToString());
        await using var connection = await ingestion.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from statistical_report where province_code = '38'"));
    }

    [Fact]
    public async Task NotAWorkbook_IsRefused()
    {
        using var client = ingestion.Client(ingestion.AllKey);
        using var content = new ByteArrayContent("PK\u0003\u0004 this is not a workbook"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(ReportXlsx.MediaType);

        using var response = await client.PostAsync(new Uri("/api/v1/reports", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a readable XLSX", (await IngestionApp.JsonAsync(response)).GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] workbook)
    {
        using var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new MediaTypeHeaderValue(ReportXlsx.MediaType);
        return await client.PostAsync(new Uri("/api/v1/reports", UriKind.Relative), content);
    }

    // The sheet as a province's statistician makes it: the header as shared strings, numbers as numbers.
    private static byte[] Workbook(params object[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var header = ReportCsv.Header.Split(',');
            data.Append(new Row(header.Select((h, i) =>
            {
                strings.SharedStringTable.Append(new SharedStringItem(new Text(h)));
                return new Cell(new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    { DataType = CellValues.SharedString, CellReference = $"{(char)('A' + i)}1" };
            })) { RowIndex = 1 });
            uint index = 1;
            foreach (var row in rows)
            {
                index++;
                data.Append(new Row(row.Select((value, i) => value switch
                {
                    string text => new Cell(new InlineString(new Text(text))) { DataType = CellValues.InlineString, CellReference = $"{(char)('A' + i)}{index}" },
                    _ => new Cell(new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)))
                        { DataType = CellValues.Number, CellReference = $"{(char)('A' + i)}{index}" },
                })) { RowIndex = index });
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Báo cáo" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}

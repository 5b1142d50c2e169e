using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Review;

/// <summary>
/// The review table as a file: XLSX through the Open XML SDK, numbers kept as numbers with formats
/// (counts "#,##0", money in đồng shown in tỷ, rates as percentages, comparisons in points), or CSV
/// (UTF-8 with a BOM so Excel reads the Vietnamese). Same columns, filters and order as the screen.
/// </summary>
public static class ReviewExport
{
    private const uint Header = 1;

    private static uint Style(ReviewKind kind) => kind switch
    {
        ReviewKind.Count => 2,
        ReviewKind.Money => 3,
        ReviewKind.Rate => 4,
        ReviewKind.Points => 5,
        ReviewKind.PerDay => 6,
        _ => 0,
    };

    private static string Unit(ReviewKind kind, bool csv) => kind switch
    {
        ReviewKind.Money => csv ? " (đồng)" : " (tỷ đồng)",
        ReviewKind.Points => " (điểm %)",
        ReviewKind.Rate when csv => " (%)",
        _ => "",
    };

    /// <summary>The lines above the table: what, which point, which filters.</summary>
    public static IReadOnlyList<string> Heading(ReviewModel model, ReviewView view)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(view);
        var filters = new List<string>();
        if (view.Category is { } category)
        {
            filters.Add("nhóm " + ReviewTable.CategoryName(category));
        }
        if (view.CentralOnly)
        {
            filters.Add("chỉ thành phố trực thuộc trung ương");
        }
        if (view.LaggingOnly)
        {
            filters.Add("chỉ tỉnh chậm tiến độ");
        }
        var sort = ReviewTable.Columns(view.Category).First(c => c.Key == view.Sort).Header + (view.Descending ? " giảm dần" : " tăng dần");
        return
        [
            $"Kết quả thi hành án dân sự các tỉnh, thành phố · {model.Point.Label}",
            $"Số liệu chốt đến {VietnameseFormat.Date(model.Point.AsOf)}, tải lúc {VietnameseFormat.Time(model.FrozenAt)}"
                + (filters.Count > 0 ? " · " + string.Join(", ", filters) : "") + " · sắp xếp theo " + sort,
        ];
    }

    public static byte[] Xlsx(ReviewModel model, ReviewView view)
    {
        var columns = ReviewTable.Columns(view.Category);
        var rows = ReviewTable.Rows(model, view);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint index = 0;
            foreach (var line in Heading(model, view))
            {
                data.Append(new Row(TextCell(line, Header)) { RowIndex = ++index });
            }
            index++;
            data.Append(new Row(columns.Select(c => TextCell(c.Header + Unit(c.Kind, csv: false), Header))) { RowIndex = ++index });
            foreach (var row in rows)
            {
                data.Append(new Row(columns.Select(c => Cell(c, c.Value(row)))) { RowIndex = ++index });
            }
            data.Append(new Row(columns.Select(c => c.Total is null ? new Cell() : Cell(c, c.Total(model.National, view.Category)))) { RowIndex = ++index });
            var worksheet = new Worksheet();
            worksheet.Append(new Columns(columns.Select((c, i) => new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Key == "name" ? 24 : 16, CustomWidth = true,
            })));
            worksheet.Append(data);
            sheetPart.Worksheet = worksheet;
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Tỉnh, thành phố" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    public static byte[] Csv(ReviewModel model, ReviewView view)
    {
        var columns = ReviewTable.Columns(view.Category);
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(c => Quote(c.Header + Unit(c.Kind, csv: true)))).Append("\r\n");
        foreach (var row in ReviewTable.Rows(model, view))
        {
            text.AppendJoin(',', columns.Select(c => CsvValue(c, c.Value(row)))).Append("\r\n");
        }
        text.AppendJoin(',', columns.Select(c => c.Total is null ? "" : CsvValue(c, c.Total(model.National, view.Category)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string CsvValue(ReviewColumn column, object? value) => value switch
    {
        null => "",
        string s => Quote(s),
        long n => n.ToString(CultureInfo.InvariantCulture),
        decimal d when column.Kind is ReviewKind.Rate or ReviewKind.Points => Math.Round(d * 100, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture),
        decimal d => Math.Round(d, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture),
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@')
            ? "\"" + (text.StartsWith('=') || text.StartsWith('+') || text.StartsWith('-') || text.StartsWith('@') ? "'" : "") + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    private static Cell Cell(ReviewColumn column, object? value) => value switch
    {
        null => new Cell(),
        string s => TextCell(s, 0),
        long n => NumberCell(n.ToString(CultureInfo.InvariantCulture), Style(column.Kind)),
        decimal d when column.Kind == ReviewKind.Points => NumberCell((d * 100).ToString(CultureInfo.InvariantCulture), Style(column.Kind)),
        decimal d => NumberCell(d.ToString(CultureInfo.InvariantCulture), Style(column.Kind)),
        _ => TextCell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", 0),
    };

    private static Cell TextCell(string text, uint style) =>
        new(new InlineString(new Text(text))) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell NumberCell(string number, uint style) =>
        new(new CellValue(number)) { DataType = CellValues.Number, StyleIndex = style };

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0,,," },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "+0.00;-0.00;0.00" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0.0" }) { Count = 3 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true }) { Count = 7 });
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// The XLSX form of a report: the first sheet holds the CSV form's table (<see cref="ReportCsv.Header"/>
/// in row 1, then one row per category), cells as text or numbers. Errors name the sheet, the row and
/// the column: <c>sheet "Báo cáo" row 3, column M (money_collected)</c>.
/// </summary>
public static partial class ReportXlsx
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Columns = ReportCsv.Header.Split(',');

    public static (StatisticalReport? Report, Dictionary<string, string[]>? Errors) Parse(byte[] body)
    {
        List<string> lines;
        string sheetName;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
            sheetName = sheet.Name?.Value ?? "1";
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            lines = [];
            foreach (var row in part.Worksheet.Descendants<Row>().Take(10))
            {
                var index = (int)(row.RowIndex?.Value ?? (uint)(lines.Count + 1));
                while (lines.Count < index - 1)
                {
                    lines.Add("");
                }
                var cells = new string[Columns.Length];
                Array.Fill(cells, "");
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value);
                    if (column is null || column >= Columns.Length)
                    {
                        continue;
                    }
                    var text = Text(cell, shared).Trim();
                    if (text.Contains(',', StringComparison.Ordinal))
                    {
                        return (null, Error($"{Where(sheetName, index, column.Value)}", "must not contain a comma"));
                    }
                    cells[column.Value] = text;
                }
                lines.Add(string.Join(",", cells).TrimEnd(','));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FileFormatException
            or IOException or InvalidOperationException or ArgumentException or System.Xml.XmlException)
        {
            return (null, Error("body", "is not a readable XLSX workbook"));
        }
        // Trailing empty cells of a row were trimmed: the CSV reader wants every field, so pad again.
        var csv = string.Join("\n", lines.Select(l => l.Length == 0 ? l : l + new string(',', Columns.Length - 1 - l.Count(c => c == ','))));
        var (report, errors) = ReportCsv.Parse(Encoding.UTF8.GetBytes(csv));
        return errors is null ? (report, null) : (null, errors.ToDictionary(e => Rename(e.Key, sheetName), e => e.Value, StringComparer.Ordinal));
    }

    // "line 3.money_collected" → "sheet "Báo cáo" row 3, column M (money_collected)"; "line 1" → "sheet "Báo cáo" row 1".
    private static string Rename(string key, string sheet)
    {
        var match = LineKey().Match(key);
        if (!match.Success)
        {
            return key;
        }
        var row = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Success
            ? Where(sheet, row, Array.IndexOf(Columns, match.Groups[2].Value))
            : $"sheet \"{sheet}\" row {row}";
    }

    private static string Where(string sheet, int row, int column) =>
        $"sheet \"{sheet}\" row {row}, column {(char)('A' + column)} ({(column >= 0 ? Columns[column] : "?")})";

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }

    private static string Text(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count)
        {
            return shared[i];
        }
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        // A number stored as a double ("1500.0", "1.5E+12") becomes its whole digits when it is whole.
        if ((cell.DataType is null || cell.DataType.Value == CellValues.Number)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == Math.Floor(number) && Math.Abs(number) < 1e17)
        {
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        }
        return raw;
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    [GeneratedRegex(@"^line (\d+)(?:\.(\w+))?$")]
    private static partial Regex LineKey();
}

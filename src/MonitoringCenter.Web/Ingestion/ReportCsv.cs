using System.Globalization;
using System.Text;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// The CSV form of a report: UTF-8 (a BOM is allowed), comma-separated, no quoting, this header,
/// then one line per category, every line naming the same unit, period and version:
/// <code>province,office,stat_year,months,period_end,version,category,cases_to_enforce,cases_with_conditions,cases_completed,money_to_enforce,money_with_conditions,money_collected</code>
/// Leave either <c>months</c> or <c>period_end</c> empty, and <c>office</c> empty for the whole province.
/// </summary>
public static class ReportCsv
{
    public const string Header = "province,office,stat_year,months,period_end,version,category,cases_to_enforce,cases_with_conditions,cases_completed,money_to_enforce,money_with_conditions,money_collected";

    private static readonly string[] Columns = Header.Split(',');

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses <paramref name="body"/>; on failure returns null and errors keyed like <c>line 3.money_collected</c>.</summary>
    public static (StatisticalReport? Report, Dictionary<string, string[]>? Errors) Parse(ReadOnlySpan<byte> body)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body.StartsWith("\uFEFF"u8) ? body[3..] : body);
        }
        catch (DecoderFallbackException)
        {
            return (null, Error("body", "is not valid UTF-8"));
        }
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        if (lines.Count == 0 || lines[0].Trim() != Header)
        {
            return (null, Error("line 1", $"the header must be: {Header}"));
        }
        if (lines.Count is < 2 or > 5)
        {
            return (null, Error("body", "must hold 1 to 4 category lines after the header"));
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var rows = new List<string[]>();
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != Columns.Length)
            {
                errors[$"line {i + 1}"] = [$"must have {Columns.Length} fields, has {fields.Length}"];
                continue;
            }
            for (var c = 0; c < 6; c++)
            {
                if (rows.Count > 0 && fields[c] != rows[0][c])
                {
                    errors[$"line {i + 1}.{Columns[c]}"] = ["must be the same on every line"];
                }
            }
            rows.Add(fields);
        }
        var categories = new List<ReportCategory>();
        foreach (var (fields, i) in rows.Select((f, i) => (f, i)))
        {
            categories.Add(new ReportCategory
            {
                Category = fields[6],
                CasesToEnforce = Number(errors, i + 2, 7, fields),
                CasesWithConditions = Number(errors, i + 2, 8, fields),
                CasesCompleted = Number(errors, i + 2, 9, fields),
                MoneyToEnforce = Number(errors, i + 2, 10, fields),
                MoneyWithConditions = Number(errors, i + 2, 11, fields),
                MoneyCollected = Number(errors, i + 2, 12, fields),
            });
        }
        if (rows.Count == 0 || errors.Count > 0)
        {
            return (null, errors.Count > 0 ? errors : Error("body", "no report lines"));
        }
        var first = rows[0];
        var statYear = Number(errors, 2, 2, first);
        var months = first[3].Length == 0 ? null : Number(errors, 2, 3, first);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new StatisticalReport
        {
            Province = first[0],
            Office = first[1].Length == 0 ? null : first[1],
            StatYear = statYear is { } y and <= 9999 ? (int)y : -1,
            Months = months is { } m and <= 12 ? (int)m : months is null ? null : -1,
            PeriodEnd = first[4].Length == 0 ? null : first[4],
            Version = first[5],
            Categories = categories,
        }, null);
    }

    private static long? Number(Dictionary<string, string[]> errors, int line, int column, string[] fields)
    {
        if (long.TryParse(fields[column], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[$"line {line}.{Columns[column]}"] = ["must be a whole number (digits only)"];
        return null;
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };
}

using System.Globalization;
using System.Text;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Audit;

/// <summary>
/// <c>GET /admin/audit.csv</c>: the rows the page's filters keep, as CSV in UTF-8 with a byte-order
/// mark (Excel then reads the Vietnamese right), written as they are read.
/// </summary>
public static class AuditCsv
{
    public const string Path = "/admin/audit.csv";

    private static readonly string[] Header = ["Mã", "Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Tỉnh", "Chi tiết", "Địa chỉ IP"];

    public static async Task ExportAsync(HttpContext context, AuditQueries queries, Clock clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(clock);
        var filter = AuditFilter.FromQuery(context.Request.Query);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition =
            $"attachment; filename=\"nhat-ky-kiem-toan-{clock.Now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await WriteAsync(context.Response.Body, queries.StreamAsync(filter, context.RequestAborted), clock, context.RequestAborted);
    }

    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<AuditEntry> entries, Clock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(clock);
        await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header));
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Line([
                e.Id.ToString(CultureInfo.InvariantCulture),
                clock.Local(e.Instant).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
                e.Actor, e.Action, e.Subject, e.ProvinceCode, e.Detail, e.RemoteIp,
            ]));
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    /// <summary>RFC 4180 quoting; a leading = + - @ is defused so that a spreadsheet does not run it as a formula.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

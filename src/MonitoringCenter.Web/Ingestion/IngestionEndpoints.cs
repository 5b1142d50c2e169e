using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Ingestion;

public sealed record EventOutcomeDto(int Index, string EventId, string Status, string? Reason);

/// <summary>The reply to <c>POST /api/v1/events</c>: every event's outcome, in the order sent. Sent only after the accepted ones committed.</summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventOutcomeDto> Results);

/// <summary>The reply to <c>POST /api/v1/reports</c>.</summary>
/// <param name="Effective">Whether the read models now use this version for its unit and period.</param>
public sealed record ReportResponse(long Id, DateOnly PeriodEnd, bool Effective);

/// <summary>The HTTP shapes of the ingestion API; the work is in the services of <c>Ingestion/</c>.</summary>
internal static class IngestionEndpoints
{
    /// <summary>Strict reading: no numbers in strings, no duplicate properties, no comments, bounded depth.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        MaxDepth = 16,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/events", PostEventsAsync)
            .WithName("PostEvents")
            .WithSummary("A batch of case events (up to Ingestion:MaxEventsPerBatch); each acknowledged as accepted, duplicate or rejected.")
            .Accepts<CaseEventBatch>("application/json")
            .Produces<EventBatchResponse>()
            .ProducesWriteProblems();
        api.MapPost("/reports", PostReportAsync)
            .WithName("PostReport")
            .WithSummary("A cumulative statistical report, as JSON, as CSV (text/csv, header: " + ReportCsv.Header
                + ") or as XLSX (the same table on the first sheet, one row per category).")
            .Accepts<StatisticalReport>("application/json", "text/csv", ReportXlsx.MediaType)
            .Produces<ReportResponse>()
            .ProducesWriteProblems();
        api.MapGet("/snapshot", GetSnapshotAsync)
            .WithName("GetSnapshot")
            .WithSummary("Current KPIs of the nation and every province (latest read-model day of the statistical year, the current one by default).")
            .Produces<KpiSnapshot>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/snapshot/{province}", GetProvinceSnapshotAsync)
            .WithName("GetProvinceSnapshot")
            .WithSummary("Current KPIs of a province and its regional offices.")
            .Produces<KpiSnapshot>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>What a write endpoint may answer besides its result: bad fields, no key, another province, too big, not JSON/CSV, too often.</summary>
    private static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> PostEventsAsync(HttpContext context, CaseEventService service, IOptions<IngestionOptions> options)
    {
        if (MediaType(context.Request) is not "application/json")
        {
            return UnsupportedMediaType("application/json");
        }
        var body = await ReadBodyAsync(context, options.Value.MaxRequestBytes);
        if (body is null)
        {
            return TooLarge(options.Value.MaxRequestBytes);
        }
        if (!TryDeserialize<CaseEventBatch>(body, out var batch, out var malformed))
        {
            return malformed;
        }
        var result = await service.ApplyAsync(batch.Events, ApiKeyMiddleware.CallerOf(context), context.RequestAborted);
        Operations.CenterMetrics.Ingested(result);
        if (result.Status == BatchStatus.Applied)
        {
            ApiKeyMiddleware.MarkUseAudited(context);
        }
        return result.Status switch
        {
            BatchStatus.Invalid => Results.ValidationProblem(result.Errors, title: "Invalid events", detail: "Nothing was written."),
            BatchStatus.Forbidden => Forbidden(result.ForbiddenProvinces),
            _ => Results.Ok(new EventBatchResponse(result.Accepted, result.Duplicates, result.Rejected,
                result.Outcomes.Select(o => new EventOutcomeDto(o.Index, o.EventId, o.Status.ToString().ToLowerInvariant(), o.Reason)).ToList())),
        };
    }

    private static async Task<IResult> PostReportAsync(HttpContext context, ReportService service, IOptions<IngestionOptions> options)
    {
        var mediaType = MediaType(context.Request);
        if (mediaType is not ("application/json" or "text/csv" or ReportXlsx.MediaType))
        {
            return UnsupportedMediaType("application/json, text/csv or " + ReportXlsx.MediaType);
        }
        var body = await ReadBodyAsync(context, options.Value.MaxRequestBytes);
        if (body is null)
        {
            return TooLarge(options.Value.MaxRequestBytes);
        }
        StatisticalReport? report;
        if (mediaType is "text/csv" or ReportXlsx.MediaType)
        {
            (report, var errors) = mediaType == "text/csv" ? ReportCsv.Parse(body) : ReportXlsx.Parse(body);
            if (errors is not null)
            {
                return Results.ValidationProblem(errors, title: "Invalid report", detail: "Nothing was written.");
            }
        }
        else if (!TryDeserialize(body, out report, out var malformed))
        {
            return malformed;
        }
        var result = await service.SubmitAsync(report, ApiKeyMiddleware.CallerOf(context), context.RequestAborted);
        return result.Status switch
        {
            ReportStatus.Invalid => Results.ValidationProblem(result.Errors, title: "Invalid report", detail: "Nothing was written."),
            ReportStatus.Forbidden => Forbidden(result.ForbiddenProvinces),
            _ => Results.Ok(new ReportResponse(result.Id!.Value, result.PeriodEnd!.Value, result.Effective)),
        };
    }

    private static async Task<IResult> GetSnapshotAsync(SnapshotQueries queries, Clock clock, int? year, CancellationToken cancellationToken) =>
        Results.Ok(await queries.NationalAsync(ValidYear(year, clock), cancellationToken));

    private static async Task<IResult> GetProvinceSnapshotAsync(SnapshotQueries queries, Clock clock, string province, int? year, CancellationToken cancellationToken) =>
        await queries.ProvinceAsync(ValidYear(year, clock), province, cancellationToken) is { } snapshot
            ? Results.Ok(snapshot)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown province", detail: "Province codes are listed in data/provinces.csv.");

    private static int ValidYear(int? year, Clock clock) => year is >= 2000 and <= 2100 ? year.Value : clock.CurrentYear.Year;

    private static string? MediaType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return null;
        }
        // UTF-8 only: a declared charset that is not UTF-8 is refused rather than guessed at.
        if (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return contentType.MediaType.Value?.ToLowerInvariant();
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool TryDeserialize<T>(byte[] body, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value, out IResult problem)
        where T : class
    {
        problem = Results.Empty;
        try
        {
            value = JsonSerializer.Deserialize<T>(body, Json);
            if (value is null)
            {
                problem = Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["must be a JSON object"] }, title: "Malformed JSON");
                return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException or DecoderFallbackException)
        {
            value = null;
            var field = ex is JsonException { Path: { Length: > 1 } path } ? path.TrimStart('$').TrimStart('.') : "body";
            var where = ex is JsonException { LineNumber: { } line, BytePositionInLine: { } position } ? $" (line {line + 1}, byte {position + 1})" : "";
            problem = Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"malformed JSON or a value of the wrong type{where}"] },
                title: "Malformed JSON", detail: "Nothing was written.");
            return false;
        }
    }

    private static IResult Forbidden(IReadOnlyList<string> provinces) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Province not allowed for this key",
        detail: $"This API key may not write province(s) {string.Join(", ", provinces)}. Nothing was written.",
        extensions: new Dictionary<string, object?> { ["provinces"] = provinces });

    private static IResult TooLarge(long limit) => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request too large", detail: $"The body may be at most {limit} bytes.");

    private static IResult UnsupportedMediaType(string expected) => Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type", detail: $"Send {expected} in UTF-8.");
}

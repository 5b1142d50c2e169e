using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Ingestion;

public static class IngestionExtensions
{
    internal const string RateLimitPolicy = "ingestion";

    /// <summary>Options, the case-event and report services, API keys, per-key rate limits, problem details, the OpenAPI document.</summary>
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section)
            .Validate(o => o.MaxEventsPerBatch is >= 1 and <= 100_000, "Ingestion:MaxEventsPerBatch must be 1..100000.")
            .Validate(o => o.MaxRequestBytes >= 1024, "Ingestion:MaxRequestBytes must be at least 1024.")
            .Validate(o => o.RequestsPerSecond >= 1 && o.Burst >= 1, "Ingestion:RequestsPerSecond and Ingestion:Burst must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CaseKeys>();
        builder.Services.AddSingleton<CaseEventStore>();
        builder.Services.AddSingleton<CaseEventService>();
        builder.Services.AddSingleton<ReportService>();
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddSingleton<SnapshotQueries>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Monitoring Center ingestion API";
                document.Info.Description = "Case events and statistical reports from source systems; current KPIs for other systems. "
                    + "Authenticate with 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>'). Errors are RFC 9457 problem details.";
                return Task.CompletedTask;
            });
        });
        builder.Services.AddRateLimiter(o =>
        {
            // The limiter's default is 503, which tells a client the server is down rather than that it is too fast.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<IngestionOptions>>().Value;
                var keyId = ApiKeyMiddleware.KeyOf(context)?.Id ?? 0;
                return RateLimitPartition.GetTokenBucketLimiter(keyId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiKeyMiddleware.WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key's rate limit is reached; retry after {retryAfter} s.");
            };
        });
        return builder;
    }

    /// <summary>
    /// <c>/api/v1/events</c>, <c>/api/v1/reports</c>, <c>/api/v1/snapshot[/{province}]</c> behind API keys and rate limits,
    /// and the OpenAPI document at <c>/openapi/v1.json</c>.
    /// </summary>
    public static WebApplication MapIngestionApi(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api =>
        {
            api.UseMiddleware<ApiKeyMiddleware>();
            api.UseRateLimiter();
        });
        // Source systems authenticate with their API keys (ApiKeyMiddleware), not with a person's
        // session: the sign-in policies do not apply, the key check does (ApiKeyRequired marks it).
        var group = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy).WithTags("Ingestion")
            .AllowAnonymous().WithMetadata(new ApiKeyRequired());
        IngestionEndpoints.Map(group);
        // The contract source systems are built against: public, like the API's address.
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// In front of every <c>/api</c> request: finds the presented API key (401 when missing, unknown
/// or revoked), records its use in the audit trail, and turns anything that would otherwise
/// leave the API as an HTML error page into RFC 9457 problem details.
/// </summary>
internal sealed partial class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, AuditLog audit, ILogger<ApiKeyMiddleware> logger)
{
    private static readonly object ItemKey = new();

    private static readonly object UseAuditedKey = new();

    /// <summary>The endpoint audited this use of the key itself (in its own transaction): no separate row.</summary>
    public static void MarkUseAudited(HttpContext context) => context.Items[UseAuditedKey] = true;

    public static ApiKey? KeyOf(HttpContext context) => context.Items.TryGetValue(ItemKey, out var key) ? key as ApiKey : null;

    public static IngestionCaller CallerOf(HttpContext context)
    {
        var key = KeyOf(context) ?? throw new InvalidOperationException("No API key on this request.");
        return new IngestionCaller(key.Actor, key.Id, key.AllProvinces, key.Provinces.ToHashSet(StringComparer.Ordinal),
            context.Connection.RemoteIpAddress?.ToString(), $"{context.Request.Method} {context.Request.Path}");
    }

    public async Task InvokeAsync(HttpContext context)
    {
        // The wall's HTML status pages are for people; API clients get problem details.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        try
        {
            var presented = Presented(context.Request);
            if (presented is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "API key required",
                    "Send the key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
                return;
            }
            var key = await keys.FindAsync(presented, context.RequestAborted);
            if (key is null || key.Revoked)
            {
                if (key is not null)
                {
                    await audit.WriteAsync(key.Actor, "api.revoked-key", $"{context.Request.Method} {context.Request.Path}",
                        remoteIp: context.Connection.RemoteIpAddress?.ToString(), cancellationToken: context.RequestAborted);
                }
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, key is null ? "Unknown API key" : "API key revoked", null);
                return;
            }
            context.Items[ItemKey] = key;
            context.Response.OnCompleted(() => context.Items.ContainsKey(UseAuditedKey) ? Task.CompletedTask : AuditUseAsync(context, key));
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && string.IsNullOrEmpty(context.Response.ContentType))
            {
                await WriteProblemAsync(context, context.Response.StatusCode, null, null);
            }
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await WriteProblemAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request", null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !context.Response.HasStarted)
        {
            LogUnavailable(logger, ex.Message);
            context.Response.Headers.RetryAfter = "5";
            await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Database unavailable", "Nothing was written; retry later.");
        }
    }

    public static Task WriteProblemAsync(HttpContext context, int status, string? title, string? detail, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }
        var header = request.Headers["X-Api-Key"].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    private async Task AuditUseAsync(HttpContext context, ApiKey key)
    {
        try
        {
            await audit.WriteAsync(key.Actor, "api.use", $"{context.Request.Method} {context.Request.Path}",
                new { status = context.Response.StatusCode }, context.Connection.RemoteIpAddress?.ToString());
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogAuditFailed(logger, key.Id, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion API: database unavailable ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not audit the use of API key {KeyId} ({Reason})")]
    private static partial void LogAuditFailed(ILogger logger, long keyId, string reason);
}

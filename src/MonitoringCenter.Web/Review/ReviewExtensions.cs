using Microsoft.AspNetCore.Mvc;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Review;

public static class ReviewExtensions
{
    public static WebApplicationBuilder AddReview(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReviewQueries>();
        builder.Services.AddSingleton<ReviewNotes>();
        builder.Services.AddSingleton<Presentations>();
        return builder;
    }

    /// <summary>The exports of the review table: <c>/review/export.xlsx</c> and <c>/review/export.csv</c>, with the page's query.</summary>
    public static WebApplication MapReview(this WebApplication app)
    {
        app.MapGet("/review/export.xlsx", (HttpContext context, ReviewQueries queries, Clock clock, AuditLog audit) =>
                ExportAsync(context, queries, clock, audit, "xlsx"))
            .RequireAuthorization(Policies.Review);
        app.MapGet("/review/export.csv", (HttpContext context, ReviewQueries queries, Clock clock, AuditLog audit) =>
                ExportAsync(context, queries, clock, audit, "csv"))
            .RequireAuthorization(Policies.Review);
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, ReviewQueries queries, Clock clock, AuditLog audit, string format)
    {
        var query = context.Request.Query;
        if (!ReviewPoint.TryRead(query["year"], query["point"], clock.Today, clock.YearStartMonth, out var point, out var problem))
        {
            return Results.Problem(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Kỳ không hợp lệ", Detail = problem });
        }
        var view = ReviewView.Read(query["sort"], query["desc"], query["central"], query["lagging"], query["category"]);
        var model = await queries.LoadAsync(point, cancellationToken: context.RequestAborted);
        await audit.WriteAsync(context.User.Actor(), "review.export", point.Query, new { format, view = view.Query },
            context.Connection.RemoteIpAddress?.ToString(), cancellationToken: context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        var name = $"thads-{point.Year.Year}-{point.AsOf:yyyy-MM-dd}.{format}";
        return format == "xlsx"
            ? Results.File(ReviewExport.Xlsx(model, view), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
            : Results.File(ReviewExport.Csv(model, view), "text/csv; charset=utf-8", name);
    }
}

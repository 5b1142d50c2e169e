using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace MonitoringCenter.Web.Operations;

public static class OperationsExtensions
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    private const string ReadyTag = "ready";

    private static readonly Lock FilterLock = new();

    /// <summary>Health checks, the <c>MonitoringCenter</c> meter with its exporters, and the operator page's history.</summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section)
            .Validate(o => o.RefreshLagBound > TimeSpan.Zero && o.CheckTimeout > TimeSpan.Zero, "Operations:RefreshLagBound and CheckTimeout must be positive.")
            .Validate(o => o.SampleInterval >= TimeSpan.FromSeconds(1) && o.History >= o.SampleInterval, "Operations:SampleInterval must be at least 1 s and History at least one interval.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Otlp.Endpoint) || Uri.TryCreate(o.Otlp.Endpoint, UriKind.Absolute, out _), "Operations:Otlp:Endpoint must be an absolute URI.")
            .ValidateOnStart();
        // The checks' timeouts are fixed when they are registered, before options exist.
        var options = builder.Configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions();
        var timeout = options.CheckTimeout;
        services.AddSingleton<OperationsQueries>();
        services.AddSingleton<OperationsHistory>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsHistory>());
        services.AddHostedService<ScreensGauge>();
        services.AddHealthChecks()
            .AddNpgSql(name: "database", tags: [ReadyTag], timeout: timeout)
            .AddCheck<ChangeFeedHealthCheck>("change-feed", tags: [ReadyTag], timeout: timeout)
            .AddCheck<RefreshLagHealthCheck>("refresh", tags: [ReadyTag], timeout: timeout)
            .AddCheck<JobServerHealthCheck>("jobs", tags: [ReadyTag], timeout: timeout);
        services.AddAuthorization(o => o.AddPolicy(MetricsAccess.Policy, MetricsAccess.Configure));

        var otlp = options.Otlp.Endpoint is { Length: > 0 } endpoint ? endpoint : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(CenterMetrics.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter();
            if (!string.IsNullOrWhiteSpace(otlp))
            {
                metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            }
        });

        // Hangfire's filters are process-wide (the test process runs several hosts): added once.
        lock (FilterLock)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is JobOutcomeFilter))
            {
                GlobalJobFilters.Filters.Add(new JobOutcomeFilter());
            }
        }
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (the process answers; no check runs), <c>/health/ready</c> (database,
    /// change feed, refresh lag, job server), both anonymous for proxies and load balancers;
    /// <c>/metrics</c> in Prometheus' text format for an Admin or a local scraper.
    /// </summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsAccess.Policy);
        return app;
    }
}

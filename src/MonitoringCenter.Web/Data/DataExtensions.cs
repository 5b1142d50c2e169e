using MonitoringCenter.Web.Configuration;
using MonitoringCenter.Web.Data.Demo;
using MonitoringCenter.Web.Data.Queries;
using MonitoringCenter.Web.Data.ReadModels;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MonitoringCenter.Web.Data;

public static class DataExtensions
{
    /// <summary>Options, the one <see cref="NpgsqlDataSource"/>, the migration runner, queries and the demo loader.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        DapperTypes.Register();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is required.")
            .ValidateOnStart();
        builder.Services.AddOptions<StatisticsOptions>().BindConfiguration("Statistics")
            .Validate(o => o.YearStartMonth is >= 1 and <= 12, "Statistics:YearStartMonth must be 1..12.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Statistics:TimeZone is not a known time zone.")
            .ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration("Demo")
            .Validate(o => o.Simulator.EventsPerSecond is >= 0 and <= 1000, "Demo:Simulator:EventsPerSecond must be 0..1000.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            // A wall must answer "database unavailable" quickly rather than hang on a dead server.
            if (!options.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            {
                connection.Timeout = 5;
            }
            return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        });
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<ReferenceData>();
        builder.Services.AddSingleton<KpiRefresher>();
        builder.Services.AddSingleton<SourceChanges>();
        builder.Services.AddSingleton<DemoLoader>();
        builder.Services.AddSingleton<WallQueries>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<Clock>();
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHostedService<DemoSimulator>();
        return builder;
    }
}

/// <summary>
/// Applies migrations and reference data when a web node starts. Retries in the background
/// while the database is unreachable, so the node still serves its polite "database
/// unavailable" screens instead of failing to start.
/// </summary>
/// <summary>Completes once this node has applied the migrations, for writers that must not run before.</summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}

internal sealed partial class DatabaseInitializer(
    DatabaseReadiness readiness,
    MigrationRunner migrations,
    ReferenceData reference,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            readiness.MarkReady();
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await migrations.MigrateAsync(stoppingToken);
                await reference.EnsureAsync(stoppingToken);
                readiness.MarkReady();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogRetry(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready for migrations ({Reason}); retrying in 5 s")]
    private static partial void LogRetry(ILogger logger, string reason);
}

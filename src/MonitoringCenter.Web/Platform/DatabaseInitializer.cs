using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Platform;

/// <summary>
/// Applies migrations and reference data when a web node starts. Retries in the background
/// while the database is unreachable, so the node still serves its polite "database
/// unavailable" screens instead of failing to start.
/// </summary>
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
            catch (Exception ex) when (DatabaseProblem.Is(ex))
            {
                LogRetry(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready for migrations ({Reason}); retrying in 5 s")]
    private static partial void LogRetry(ILogger logger, string reason);
}

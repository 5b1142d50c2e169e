using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Audit;

/// <summary>
/// Chains the audit rows written since its last look, every <see cref="AuditOptions.SealInterval"/>,
/// on every node (the database function's lock lets one node at a time do it). Writers never wait
/// for the chain: a row is sealed within about a second of its commit.
/// </summary>
internal sealed partial class AuditSealer(AuditChain chain, DatabaseReadiness readiness, IOptions<AuditOptions> options,
    ILogger<AuditSealer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.SealInterval);
        var failing = false;
        do
        {
            try
            {
                await chain.SealAsync(stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (DatabaseProblem.Is(ex))
            {
                // Rows wait unsealed, not lost; said once per outage, not every second.
                if (!failing)
                {
                    LogFailing(logger, ex.GetBaseException().Message);
                }
                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit rows cannot be chained for now ({Reason}); retrying")]
    private static partial void LogFailing(ILogger logger, string reason);
}

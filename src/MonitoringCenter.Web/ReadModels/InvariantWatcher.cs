using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>
/// Checks the read model's invariants on the running year's latest day whenever new figures settle
/// (after refreshes, coalesced like the alert evaluation), off the refresh's path; one check at a time.
/// </summary>
public sealed partial class InvariantWatcher(RefreshCoordinator coordinator, ReadModelInvariants invariants, Clock clock, ILogger<InvariantWatcher> logger)
    : IHostedService
{
    private int _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        coordinator.FiguresSettled += OnSettled;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        coordinator.FiguresSettled -= OnSettled;
        return Task.CompletedTask;
    }

    private void OnSettled()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                var broken = await invariants.CheckAsync(clock.CurrentYear.Year, allDays: false);
                if (broken.Count > 0)
                {
                    LogBroken(logger, broken.Count, ReadModelInvariants.Describe(broken[0]));
                }
            }
            catch (Exception ex) when (DatabaseProblem.Is(ex))
            {
                LogFailed(logger, ex.Message);
            }
            finally
            {
                Interlocked.Exchange(ref _running, 0);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Read model invariants broken: {Count}, first: {First}")]
    private static partial void LogBroken(ILogger logger, int count, string first);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model invariants could not be checked: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

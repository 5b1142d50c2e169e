using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>Escalation of the read model's invariants: the running year's latest check is one observation of <see cref="AlertRules.Invariants"/>.</summary>
internal sealed class InvariantsSource(ReadModelInvariants invariants, Clock clock) : IObservationSource
{
    public async Task<IReadOnlyList<Observation>> ObserveAsync(NpgsqlConnection connection, DateTimeOffset now, AlertOptions options,
        CancellationToken cancellationToken)
    {
        var latest = (await invariants.LatestAsync(cancellationToken)).Where(c => c.Year == clock.CurrentYear.Year).ToList();
        return latest is [var check]
            ? [.. new[] { AlertRules.BrokenInvariants(check.Violations, check.Listed.FirstOrDefault(), options) }.OfType<Observation>()]
            : [];
    }
}

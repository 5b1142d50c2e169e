using Npgsql;

namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// Observations another feature adds to each evaluation, beside <see cref="AlertRules"/>' own on the
/// provinces' progress (the overdue directives, for one). They go through the same lifecycle, so
/// their alerts fire, show in the ticker and resolve like any other.
/// </summary>
public interface IObservationSource
{
    /// <param name="connection">The evaluation's connection, before its transaction starts.</param>
    Task<IReadOnlyList<Observation>> ObserveAsync(NpgsqlConnection connection, DateTimeOffset now, AlertOptions options, CancellationToken cancellationToken);
}

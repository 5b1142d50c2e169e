using MonitoringCenter.Web.Alerts;
using Npgsql;

namespace MonitoringCenter.Web.Directives;

/// <summary>Escalation: each province with overdue directives is one observation of the <see cref="AlertRules.DirectiveOverdue"/> rule.</summary>
internal sealed class DirectiveOverdueSource : IObservationSource
{
    public async Task<IReadOnlyList<Observation>> ObserveAsync(NpgsqlConnection connection, DateTimeOffset now, AlertOptions options,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        var overdue = await DirectiveQueries.OverdueAsync(connection, today, cancellationToken);
        return [.. overdue.Select(o => AlertRules.Overdue(o.ProvinceCode, o.Count, o.MaxDaysOverdue, options)).OfType<Observation>()];
    }
}

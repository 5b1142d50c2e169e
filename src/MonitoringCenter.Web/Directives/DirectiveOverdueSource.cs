using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Directives;

/// <summary>Escalation: each province with overdue directives is one observation of the <see cref="AlertRules.DirectiveOverdue"/> rule.</summary>
internal sealed class DirectiveOverdueSource : IObservationSource
{
    public async Task<IReadOnlyList<Observation>> ObserveAsync(NpgsqlConnection connection, DateTimeOffset now, AlertOptions options,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        var overdue = (await DirectiveQueries.OverdueAsync(connection, today, cancellationToken)).ToDictionary(o => o.ProvinceCode);
        // Every province is measured, those without overdue directives at 0: that is what clears an alert raised earlier.
        return [.. ReferenceData.Provinces
            .Select(p => overdue.TryGetValue(p.Code, out var o) ? o : new OverdueDirectives(p.Code, 0, 0))
            .Select(o => AlertRules.Overdue(o.ProvinceCode, o.Count, o.MaxDaysOverdue, options))
            .OfType<Observation>()];
    }
}

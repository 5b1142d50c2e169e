using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Watch;

/// <summary>
/// The watch lists' alert rules: <see cref="AlertRules.OldCasesRising"/> and <see cref="AlertRules.HighValueUntouched"/>,
/// one observation of each per province.
/// </summary>
internal sealed class WatchObservationSource(Clock clock, IOptions<WatchOptions> watch) : IObservationSource
{
    // The weekly counts move by the week, yet the evaluation runs every half minute under ingestion: the
    // scan (about a second on four demo years) is read again only after Watch:RisingRecheck, or on a new day.
    private (DateOnly Today, DateTimeOffset At, int Weeks, Dictionary<string, long[]> Counts)? _weekly;

    public async Task<IReadOnlyList<Observation>> ObserveAsync(NpgsqlConnection connection, DateTimeOffset now, AlertOptions options,
        CancellationToken cancellationToken)
    {
        var settings = watch.Value;
        var today = DateOnly.FromDateTime(now.DateTime);
        var observations = new List<Observation?>();
        if (options.OldCasesRising.Enabled)
        {
            // One week more than the critical streak, so the streak can be measured up to it.
            var weeks = (int)Math.Clamp(Math.Ceiling(Math.Max(options.OldCasesRising.Warning, options.OldCasesRising.Critical)) + 1, 2, 53);
            if (_weekly is not { } cached || cached.Today != today || cached.Weeks != weeks || now - cached.At >= settings.RisingRecheck || now < cached.At)
            {
                _weekly = cached = (today, now, weeks,
                    await WatchAlertQueries.WeeklyOldOpenAsync(connection, today, weeks, clock.YearStartMonth, cancellationToken));
            }
            var weekly = cached.Counts;
            // Every province is measured, those with nothing to report at 0: that is what clears an alert raised earlier.
            observations.AddRange(ReferenceData.Provinces.Select(p =>
                AlertRules.OldCasesRisingFor(p.Code, weekly.GetValueOrDefault(p.Code) ?? [], settings.RisingMinimumPercent, options)));
        }
        if (options.HighValueUntouched.Enabled)
        {
            var year = StatisticalYear.Containing(today, clock.YearStartMonth);
            var untouched = await WatchAlertQueries.UntouchedAsync(connection, year.Year, today, today.AddDays(-settings.UntouchedDays),
                settings.HighValueThreshold, cancellationToken);
            observations.AddRange(ReferenceData.Provinces.Select(p => untouched.GetValueOrDefault(p.Code) is { } u
                ? AlertRules.Untouched(p.Code, u.Cases, u.Amount, settings.UntouchedDays, options)
                : AlertRules.Untouched(p.Code, 0, 0, settings.UntouchedDays, options)));
        }
        return [.. observations.OfType<Observation>()];
    }
}

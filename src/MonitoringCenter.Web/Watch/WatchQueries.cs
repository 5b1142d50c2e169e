using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Model;
using Npgsql;

namespace MonitoringCenter.Web.Watch;

/// <summary>
/// The watch lists, straight from the case rows of one statistical year (<c>enforcement_case</c>):
/// one scan of the year's rows gives every unit's four lists. A case's status is its latest one,
/// so for a past day the postponed and suspended counts are today's knowledge of those cases.
/// The same scan counts the old open cases at each month-end (<see cref="OldCaseTrend"/>).
/// </summary>
public sealed class WatchQueries(NpgsqlDataSource dataSource, IOptions<WatchOptions> options)
{
    // status 2 completed, 3 terminated, 4 postponed, 5 suspended. A delay counts from status_since;
    // rows that do not record it (written before it existed) count from classification, the
    // earliest day the case could have been postponed. opened_on is the first acceptance.
    private const string Figures = """
        with c as (
            select {0} as code, accepted_on, amount_to_enforce, amount_collected, status, completed_on, steering_committee,
                   coalesce(opened_on, accepted_on) as opened,
                   coalesce(status_since, classified_on, accepted_on) as since,
                   not (status in (2, 3) and completed_on <= @asOf) as open
            from enforcement_case
            where stat_year = @year and accepted_on <= @asOf {1}
        )
        select code as Code,
               count(*) filter (where open) as OpenCases,
               count(*) filter (where open and amount_to_enforce >= @threshold) as HighValueOpen,
               coalesce(sum(amount_to_enforce) filter (where open and amount_to_enforce >= @threshold), 0)::bigint as HighValueAmount,
               coalesce(sum(amount_collected) filter (where amount_to_enforce >= @threshold), 0)::bigint as HighValueCollected,
               count(*) filter (where amount_to_enforce >= @threshold and status = 2 and completed_on <= @asOf) as HighValueCompleted,
               count(*) filter (where open and opened < @yearAgo) as OldOpen,
               count(*) filter (where open and status = 4 and since < @delayedBefore) as DelayedPostponed,
               count(*) filter (where open and status = 5 and since < @delayedBefore) as DelayedSuspended,
               count(*) filter (where steering_committee) as SteeringCases,
               coalesce(sum(amount_to_enforce) filter (where steering_committee), 0)::bigint as SteeringAmount,
               coalesce(sum(amount_collected) filter (where steering_committee), 0)::bigint as SteeringCollected,
               {2} as OldTrend
        from c
        group by code
        """;

    // Settable, not positional: Dapper matches a constructor by the column types, and an array column reads as System.Array.
    private sealed class Row
    {
        public string Code { get; init; } = "";
        public long OpenCases { get; init; }
        public long HighValueOpen { get; init; }
        public long HighValueAmount { get; init; }
        public long HighValueCollected { get; init; }
        public long HighValueCompleted { get; init; }
        public long OldOpen { get; init; }
        public long DelayedPostponed { get; init; }
        public long DelayedSuspended { get; init; }
        public long SteeringCases { get; init; }
        public long SteeringAmount { get; init; }
        public long SteeringCollected { get; init; }
        public long[]? OldTrend { get; init; }
    }

    /// <summary>The 34 provinces' watch lists (every province, zeros included), the national total, and the old cases' trend.</summary>
    public Task<WatchBoard> ProvincesAsync(StatisticalYear year, DateOnly asOf, CancellationToken cancellationToken) =>
        BoardAsync(year, asOf, "province_code", "", "select code, name_vi from province order by code", null, trend: true, cancellationToken);

    /// <summary>A province's offices' watch lists, the province's total, and the old cases' trend.</summary>
    public Task<WatchBoard> OfficesAsync(StatisticalYear year, DateOnly asOf, string province, CancellationToken cancellationToken) =>
        BoardAsync(year, asOf, "office_code", "and province_code = @province",
            // "Phòng Thi hành án dân sự khu vực 3 – Thành phố Hồ Chí Minh" reads "Khu vực 3" under the province's own title.
            """
            select o.code, coalesce('Khu vực ' || substring(o.name_vi from '(?i)khu vực\s+(\S+)'), o.name_vi)
            from office o where o.province_code = @province order by o.code
            """, province, trend: true, cancellationToken);

    /// <summary>One province's four lists as a whole (its page's watch section): its rows only, no trend.</summary>
    public async Task<WatchBoard> ProvinceAsync(StatisticalYear year, DateOnly asOf, string province, CancellationToken cancellationToken) =>
        await BoardAsync(year, asOf, "province_code", "and province_code = @province",
            "select code, name_vi from province where code = @province", province, trend: false, cancellationToken);

    private async Task<WatchBoard> BoardAsync(StatisticalYear year, DateOnly asOf, string unit, string filter, string unitsSql, string? province,
        bool trend, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var parameters = new DynamicParameters(new
        {
            year = (short)year.Year,
            asOf,
            threshold = settings.HighValueThreshold,
            yearAgo = asOf.AddYears(-1),
            delayedBefore = asOf.AddDays(-settings.DelayedDays),
            province,
        });
        var days = trend ? OldCaseTrend.DaysOf(year, asOf) : [];
        // One count per day in the same scan: open on the day, first accepted more than a year before it.
        var trendColumn = days.Count == 0 ? "null::bigint[]" : "array[" + string.Join(", ", days.Select((day, i) =>
        {
            parameters.Add(Invariant($"d{i}"), day);
            parameters.Add(Invariant($"y{i}"), day.AddYears(-1));
            return Invariant($"count(*) filter (where accepted_on <= @d{i} and not (status in (2, 3) and completed_on <= @d{i}) and opened < @y{i})");
        })) + "]::bigint[]";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(unitsSql, parameters, cancellationToken: cancellationToken))).ToList();
        var sql = Figures.Replace("{0}", unit, StringComparison.Ordinal).Replace("{1}", filter, StringComparison.Ordinal)
            .Replace("{2}", trendColumn, StringComparison.Ordinal);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, commandTimeout: 120, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Code, StringComparer.Ordinal);
        var figures = units.Select(u => Of(u.Code, u.Name, rows.GetValueOrDefault(u.Code))).ToList();
        var total = figures.Aggregate(Of("", "", null), (sum, f) => sum with
        {
            OpenCases = sum.OpenCases + f.OpenCases,
            HighValueOpen = sum.HighValueOpen + f.HighValueOpen,
            HighValueAmount = sum.HighValueAmount + f.HighValueAmount,
            HighValueCollected = sum.HighValueCollected + f.HighValueCollected,
            HighValueCompleted = sum.HighValueCompleted + f.HighValueCompleted,
            OldOpen = sum.OldOpen + f.OldOpen,
            DelayedPostponed = sum.DelayedPostponed + f.DelayedPostponed,
            DelayedSuspended = sum.DelayedSuspended + f.DelayedSuspended,
            SteeringCases = sum.SteeringCases + f.SteeringCases,
            SteeringAmount = sum.SteeringAmount + f.SteeringAmount,
            SteeringCollected = sum.SteeringCollected + f.SteeringCollected,
        });
        var unitTrends = units.ToDictionary(u => u.Code,
            u => (IReadOnlyList<long>)(rows.GetValueOrDefault(u.Code)?.OldTrend ?? [.. days.Select(_ => 0L)]), StringComparer.Ordinal);
        var oldTrend = trend
            ? new OldCaseTrend(days, [.. days.Select((_, i) => unitTrends.Values.Sum(t => t[i]))], unitTrends)
            : OldCaseTrend.Empty;
        return new WatchBoard(year.Year, asOf, settings.HighValueThreshold, settings.DelayedDays, total, figures, oldTrend);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static WatchFigures Of(string code, string name, Row? r) => r is null
        ? new WatchFigures(code, name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        : new WatchFigures(code, name, r.OpenCases, r.HighValueOpen, r.HighValueAmount, r.HighValueCollected, r.HighValueCompleted,
            r.OldOpen, r.DelayedPostponed, r.DelayedSuspended, r.SteeringCases, r.SteeringAmount, r.SteeringCollected);
}

using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MonitoringCenter.Web.Watch;

/// <summary>
/// The watch lists, straight from the case rows of one statistical year (<c>enforcement_case</c>):
/// one scan of the year's rows gives every unit's four lists. A case's status is its latest one,
/// so for a past day the postponed and suspended counts are today's knowledge of those cases.
/// </summary>
public sealed class WatchQueries(NpgsqlDataSource dataSource, IOptions<WatchOptions> options)
{
    // status 2 completed, 3 terminated, 4 postponed, 5 suspended. A delay counts from status_since;
    // rows that do not record it (written before it existed) count from classification, the
    // earliest day the case could have been postponed. opened_on is the first acceptance.
    private const string Figures = """
        with c as (
            select {0} as code, amount_to_enforce, amount_collected, status, completed_on, steering_committee,
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
               coalesce(sum(amount_collected) filter (where steering_committee), 0)::bigint as SteeringCollected
        from c
        group by code
        """;

    private sealed record Row(string Code, long OpenCases, long HighValueOpen, long HighValueAmount, long HighValueCollected, long HighValueCompleted,
        long OldOpen, long DelayedPostponed, long DelayedSuspended, long SteeringCases, long SteeringAmount, long SteeringCollected);

    /// <summary>The 34 provinces' watch lists (every province, zeros included) and the national total.</summary>
    public Task<WatchBoard> ProvincesAsync(int year, DateOnly asOf, CancellationToken cancellationToken) =>
        BoardAsync(year, asOf, "province_code", "", "select code, name_vi from province order by code", null, cancellationToken);

    /// <summary>A province's offices' watch lists and the province's total.</summary>
    public Task<WatchBoard> OfficesAsync(int year, DateOnly asOf, string province, CancellationToken cancellationToken) =>
        BoardAsync(year, asOf, "office_code", "and province_code = @province",
            // "Phòng Thi hành án dân sự khu vực 3 – Thành phố Hồ Chí Minh" reads "Khu vực 3" under the province's own title.
            """
            select o.code, coalesce('Khu vực ' || substring(o.name_vi from '(?i)khu vực\s+(\S+)'), o.name_vi)
            from office o where o.province_code = @province order by o.code
            """, province, cancellationToken);

    private async Task<WatchBoard> BoardAsync(int year, DateOnly asOf, string unit, string filter, string unitsSql, string? province,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var parameters = new
        {
            year = (short)year,
            asOf,
            threshold = settings.HighValueThreshold,
            yearAgo = asOf.AddYears(-1),
            delayedBefore = asOf.AddDays(-settings.DelayedDays),
            province,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var units = (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(unitsSql, parameters, cancellationToken: cancellationToken))).ToList();
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            Figures.Replace("{0}", unit, StringComparison.Ordinal).Replace("{1}", filter, StringComparison.Ordinal), parameters,
            commandTimeout: 120, cancellationToken: cancellationToken))).ToDictionary(r => r.Code, StringComparer.Ordinal);
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
        return new WatchBoard(year, asOf, settings.HighValueThreshold, settings.DelayedDays, total, figures);
    }

    private static WatchFigures Of(string code, string name, Row? r) => r is null
        ? new WatchFigures(code, name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        : new WatchFigures(code, name, r.OpenCases, r.HighValueOpen, r.HighValueAmount, r.HighValueCollected, r.HighValueCompleted,
            r.OldOpen, r.DelayedPostponed, r.DelayedSuspended, r.SteeringCases, r.SteeringAmount, r.SteeringCollected);
}

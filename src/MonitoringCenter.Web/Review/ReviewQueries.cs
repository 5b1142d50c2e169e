using Dapper;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.Wall;
using Npgsql;

namespace MonitoringCenter.Web.Review;

/// <summary>
/// Loads a meeting's figures once, at the moment the point is picked: the wall's national query at
/// the point and at the previous month-end, the provinces' board (pace, gaps, needed per day), each
/// province's categories, and the report versions. Read models only.
/// </summary>
public sealed class ReviewQueries(NpgsqlDataSource dataSource, WallQueries wall, ProvinceQueries provinces, Clock clock)
{
    private sealed record CategoryRow(string UnitCode, short Category, long CasesToEnforce, long CasesWithConditions, long CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    /// <param name="withPreviousMonth">Also the nation at the previous month-end (the desk page's summary; the presented table does without).</param>
    public async Task<ReviewModel> LoadAsync(ReviewPoint point, bool withPreviousMonth = true, CancellationToken cancellationToken = default)
    {
        var year = point.Year.Year;
        var national = await wall.NationalAsync(year, point.AsOf, cancellationToken);
        var previous = withPreviousMonth && point.PreviousMonthEnd is { } before ? await wall.NationalAsync(year, before.AsOf, cancellationToken) : null;
        var board = await provinces.BoardAsync(year, point.AsOf, ProvinceOrder.Code, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var categories = board.AsOf is { } day
            ? (await connection.QueryAsync<CategoryRow>(new CommandDefinition($"""
                select unit_code, category, {IndicatorColumns.Each(c => $"{c}::bigint")}
                from kpi_daily where stat_year = @year and unit_kind = {UnitKindSql.Province} and day = @day
                """, new { year = (short)year, day }, cancellationToken: cancellationToken))).ToList()
            : [];
        var central = ReferenceData.Provinces.ToDictionary(p => p.Code, p => p.CentrallyRunCity, StringComparer.Ordinal);
        var rows = board.Provinces.Select(p => new ReviewProvince(
            p,
            central.GetValueOrDefault(p.Code),
            categories.Where(c => c.UnitCode == p.Code).ToDictionary(c => (Category)c.Category,
                c => new Indicators(c.CasesToEnforce, c.CasesWithConditions, c.CasesCompleted, c.MoneyToEnforce, c.MoneyWithConditions, c.MoneyCollected)))).ToList();
        return new ReviewModel(point, clock.Now, national, previous, rows);
    }
}

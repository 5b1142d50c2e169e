using System.Globalization;
using Dapper;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Wall;

/// <summary>
/// Series for the national wall's charts: the cumulative rates over the statistical year
/// against the target trajectory and the previous year, and the provinces ranked by case rate.
/// </summary>
public sealed class ChartQueries(NpgsqlDataSource dataSource, Clock clock)
{
    /// <summary>Within this many points below the expected rate a province is "behind"; further down it is "lagging".</summary>
    public const decimal LaggingMargin = 0.02m;

    private sealed record DayTotals(DateOnly Day, long CasesWithConditions, long CasesCompleted, long MoneyWithConditions, long MoneyCollected)
    {
        public decimal? CaseRate => Rate.Of(CasesCompleted, CasesWithConditions);

        public decimal? MoneyRate => Rate.Of(MoneyCollected, MoneyWithConditions);
    }

    private sealed record ProvinceRow(string Code, long CasesWithConditions, long CasesCompleted, decimal? Target);

    public async Task<WallCharts> WallAsync(int year, DateOnly asOf, decimal? caseTarget, decimal? moneyTarget, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var statisticalYear = clock.Year(year);
        var end = statisticalYear.Clamp(asOf);
        // One statement per load: the wall's pushes run it on every change.
        var data = await connection.QuerySingleAsync<(string? Current, string? Previous, string? Provinces)>(new CommandDefinition($"""
            with cur as (
                select day, sum(cases_with_conditions) as w, sum(cases_completed) as c, sum(money_with_conditions) as mw, sum(money_collected) as mc
                from kpi_daily where stat_year = @year and unit_kind = {UnitKindSql.Nation} and unit_code = '' and day <= @end group by day
            ), prev as (
                select day, sum(cases_with_conditions) as w, sum(cases_completed) as c, sum(money_with_conditions) as mw, sum(money_collected) as mc
                from kpi_daily where stat_year = @year - 1 and unit_kind = {UnitKindSql.Nation} and unit_code = '' group by day
            ), last_day as (select max(day) as day from cur)
            select (select json_agg(json_build_object('day', day, 'casesWithConditions', w, 'casesCompleted', c, 'moneyWithConditions', mw, 'moneyCollected', mc) order by day)::text from cur),
                   (select json_agg(json_build_object('day', day, 'casesWithConditions', w, 'casesCompleted', c, 'moneyWithConditions', mw, 'moneyCollected', mc) order by day)::text from prev),
                   (select json_agg(json_build_object('code', p.code, 'casesWithConditions', p.w, 'casesCompleted', p.c, 'target', p.target))::text
                    from (select k.unit_code as code, sum(k.cases_with_conditions) as w, sum(k.cases_completed) as c,
                                 (select t.case_rate from target t where t.stat_year = @year and t.province_code = k.unit_code
                                  order by t.set_at desc, t.id desc limit 1) as target
                          from kpi_daily k, last_day
                          where k.stat_year = @year and k.unit_kind = {UnitKindSql.Province} and k.day = last_day.day
                          group by k.unit_code) p)
            """, new { year = (short)year, end }, cancellationToken: cancellationToken));
        var current = Parse<DayTotals>(data.Current);
        var previous = Parse<DayTotals>(data.Previous);
        var provinces = Parse<ProvinceRow>(data.Provinces);
        var previousFinal = previous.Count > 0 ? previous[^1] : null;

        // One point a week and the last day: enough for a wall chart, small enough to push often.
        var indexes = Enumerable.Range(0, current.Count).Where(i => i % 7 == 0 || i == current.Count - 1).ToArray();
        decimal? Scaled(decimal? target, int index, Func<DayTotals, decimal?> rate)
        {
            if (target is null)
            {
                return null;
            }
            // The target trajectory follows last year's own curve, scaled to this year's target.
            if (previousFinal is not null && rate(previousFinal) is { } final && final > 0 && index < previous.Count && rate(previous[index]) is { } then)
            {
                return Percent(target * then / final);
            }
            return Percent(target * (index + 1) / statisticalYear.Days);
        }
        var trend = new TrendSeries(
            [.. indexes.Select(i => current[i].Day.ToString("dd/MM", CultureInfo.InvariantCulture))],
            [.. indexes.Select(i => Percent(current[i].CaseRate))],
            [.. indexes.Select(i => Percent(current[i].MoneyRate))],
            [.. indexes.Select(i => Scaled(caseTarget, i, d => d.CaseRate))],
            [.. indexes.Select(i => Scaled(moneyTarget, i, d => d.MoneyRate))],
            [.. indexes.Select(i => i < previous.Count ? Percent(previous[i].CaseRate) : null)],
            [.. indexes.Select(i => i < previous.Count ? Percent(previous[i].MoneyRate) : null)]);

        var index = current.Count - 1;
        var share = previousFinal is not null && previousFinal.CaseRate is { } finalRate && finalRate > 0 && index >= 0 && index < previous.Count && previous[index].CaseRate is { } thenRate
            ? thenRate / finalRate
            : (decimal)(index + 1) / statisticalYear.Days;
        var ranked = provinces
            .Select(p => (Row: p, Rate: Rate.Of(p.CasesCompleted, p.CasesWithConditions), Expected: p.Target * share))
            .OrderByDescending(p => p.Rate ?? -1)
            .ToList();
        var names = ReferenceData.Provinces.ToDictionary(p => p.Code, p => p.NameVi);
        var status = ranked.Select(p => Status(p.Rate, p.Expected)).ToArray();
        var ranking = new RankingSeries(
            [.. ranked.Select(p => p.Row.Code)],
            [.. ranked.Select(p => names.GetValueOrDefault(p.Row.Code, p.Row.Code))],
            [.. ranked.Select(p => Percent(p.Rate))],
            status,
            [.. status.Select(s => s switch { "on-pace" => "#3ddc97", "behind" => "#ffb547", "lagging" => "#ff5d6c", _ => "#6b7a93" })]);
        return new WallCharts(trend, ranking);
    }

    public static string Status(decimal? rate, decimal? expected) => (rate, expected) switch
    {
        (null, _) or (_, null) => "no-data",
        var (r, e) when r >= e => "on-pace",
        var (r, e) when r >= e - LaggingMargin => "behind",
        _ => "lagging",
    };

    private static decimal? Percent(decimal? rate) => rate is { } r ? Math.Round(r * 100, 2, MidpointRounding.AwayFromZero) : null;

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static List<T> Parse<T>(string? json) => json is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<T>>(json, Json) ?? [];
}

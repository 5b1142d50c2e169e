using Dapper;
using MonitoringCenter.Web.Model;
using Npgsql;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>One broken invariant of the read model: where, and what.</summary>
public sealed record InvariantViolation(int Year, DateOnly Day, string Unit, short Category, string What);

/// <summary>
/// What must always hold in <c>kpi_daily</c>: provinces add up to the nation and (for provinces
/// counted from cases) offices to their province; completed ≤ with conditions ≤ to enforce for cases,
/// collected ≤ with conditions ≤ to enforce for money. Checked on each refresh's years at their latest
/// day, and nightly over every day of the running year; the result is kept (<c>read_model_check</c>)
/// and the alert evaluator raises "invariants" while the latest check found something broken.
/// </summary>
public sealed class ReadModelInvariants(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxListed = 20;

    private static readonly string Check = $"""
        with days as (
            select distinct day from kpi_daily
            where stat_year = @year and unit_kind = {UnitKindSql.Nation} and (@all or day = (select max(day) from kpi_daily where stat_year = @year and unit_kind = {UnitKindSql.Nation}))
        ), provinces as (
            select k.day, k.category, {IndicatorColumns.Each(c => $"sum(k.{c}) as {c}")}
            from kpi_daily k join days d on d.day = k.day
            where k.stat_year = @year and k.unit_kind = {UnitKindSql.Province}
            group by k.day, k.category
        ), offices as (
            select k.day, split_part(k.unit_code, '-', 1) as province, k.category, {IndicatorColumns.Each(c => $"sum(k.{c}) as {c}")}
            from kpi_daily k join days d on d.day = k.day
            where k.stat_year = @year and k.unit_kind = {UnitKindSql.Office}
            group by 1, 2, 3
        )
        select n.day, '' as unit, n.category, 'các tỉnh cộng lại khác toàn quốc' as what
        from kpi_daily n join days d on d.day = n.day
        left join provinces p on p.day = n.day and p.category = n.category
        where n.stat_year = @year and n.unit_kind = {UnitKindSql.Nation}
          and ({IndicatorColumns.Each(c => $"n.{c}")}) is distinct from ({IndicatorColumns.Each(c => $"coalesce(p.{c}, 0)")})
        union all
        select p.day, p.unit_code, p.category, 'các chi cục cộng lại khác tỉnh'
        from kpi_daily p join days d on d.day = p.day
        join offices o on o.day = p.day and o.province = p.unit_code and o.category = p.category
        where p.stat_year = @year and p.unit_kind = {UnitKindSql.Province}
          and ({IndicatorColumns.Each(c => $"p.{c}")}) is distinct from ({IndicatorColumns.Each(c => $"o.{c}")})
        union all
        select k.day, k.unit_code, k.category,
               case when k.cases_completed > k.cases_with_conditions then 'việc xong nhiều hơn việc có điều kiện'
                    when k.cases_with_conditions > k.cases_to_enforce then 'việc có điều kiện nhiều hơn việc phải thi hành'
                    when k.money_collected > k.money_with_conditions then 'tiền thu được nhiều hơn tiền có điều kiện'
                    else 'tiền có điều kiện nhiều hơn tiền phải thi hành' end
        from kpi_daily k join days d on d.day = k.day
        where k.stat_year = @year and k.unit_kind in ({UnitKindSql.Nation}, {UnitKindSql.Province})
          and (k.cases_completed > k.cases_with_conditions or k.cases_with_conditions > k.cases_to_enforce
               or k.money_collected > k.money_with_conditions or k.money_with_conditions > k.money_to_enforce)
        order by 1, 2, 3
        limit 1000
        """;

    /// <summary>Checks the year (its latest day, or every day with <paramref name="allDays"/>) and keeps the result.</summary>
    public async Task<IReadOnlyList<InvariantViolation>> CheckAsync(int year, bool allDays, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(DateOnly Day, string Unit, short Category, string What)>(new CommandDefinition(Check,
            new { year = (short)year, all = allDays }, commandTimeout: 600, cancellationToken: cancellationToken)))
            .Select(r => new InvariantViolation(year, r.Day, r.Unit, r.Category, r.What)).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into read_model_check (stat_year, all_days, checked_at, violations, listed)
            values (@year, @allDays, @at, @count, @listed::jsonb)
            """, new { year = (short)year, allDays, at = time.GetUtcNow(), count = rows.Count,
                listed = System.Text.Json.JsonSerializer.Serialize(rows.Take(MaxListed).Select(r => Describe(r))) },
            cancellationToken: cancellationToken));
        return rows;
    }

    /// <summary>The latest check of each year: how many broken, and the first few described.</summary>
    public async Task<IReadOnlyList<(int Year, int Violations, string[] Listed, DateTimeOffset At)>> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(short Year, int Violations, string Listed, DateTime At)>(new CommandDefinition("""
            select distinct on (stat_year) stat_year, violations, listed::text, checked_at from read_model_check order by stat_year, checked_at desc, id desc
            """, cancellationToken: cancellationToken));
        return [.. rows.Select(r => ((int)r.Year, r.Violations, System.Text.Json.JsonSerializer.Deserialize<string[]>(r.Listed) ?? [],
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))))];
    }

    public static string Describe(InvariantViolation v) =>
        $"{v.Year}, {VietnameseFormat.Date(v.Day)}, {(v.Unit.Length == 0 ? "toàn quốc" : v.Unit)}, nhóm {v.Category}: {v.What}";
}

using System.Text.Json;
using Dapper;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using Npgsql;

namespace MonitoringCenter.Web.Wall;

/// <summary>Read-model queries behind the national wall. Reads <c>kpi_daily</c> only, never the source tables.</summary>
public sealed class WallQueries(NpgsqlDataSource dataSource, Clock clock, Microsoft.Extensions.Options.IOptions<ReportingOptions> reporting)
{
    // Dapper matches a record's constructor to the columns by name, type and order.
    private sealed record NationalRow(DateOnly? Day, string? Rows, DateOnly? LastYearDay, string? LastYearRows,
        decimal? CaseTarget, decimal? MoneyTarget, DateTime? RefreshedAt, int ProvincesFromReports);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The national figures of one day and the same date a year earlier, the targets and when the
    /// read models were last refreshed: one statement, since every push of the wall runs it.
    /// </summary>
    public async Task<NationalSnapshot> NationalAsync(int year, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var requested = clock.Year(year).Clamp(asOf);
        var row = await connection.QuerySingleAsync<NationalRow>(new CommandDefinition($"""
            with d as (
                select max(day) as day from kpi_daily
                where stat_year = @year and unit_kind = {UnitKindSql.Nation} and unit_code = '' and day <= @requested
            ), p as (
                -- The same calendar date last year as the day actually shown (29 February falls back to the 28th).
                select max(k.day) as day from kpi_daily k, d
                where k.stat_year = @year - 1 and k.unit_kind = {UnitKindSql.Nation} and k.unit_code = ''
                  and k.day <= (coalesce(d.day, @requested) - interval '1 year')::date
            )
            select d.day,
                   (select json_agg(json_build_object('category', k.category, 'casesToEnforce', k.cases_to_enforce,
                        'casesWithConditions', k.cases_with_conditions, 'casesCompleted', k.cases_completed, 'moneyToEnforce', k.money_to_enforce,
                        'moneyWithConditions', k.money_with_conditions, 'moneyCollected', k.money_collected))::text
                    from kpi_daily k where k.stat_year = @year and k.unit_kind = {UnitKindSql.Nation} and k.unit_code = '' and k.day = d.day) as rows,
                   p.day as last_year_day,
                   (select json_agg(json_build_object('category', k.category, 'casesToEnforce', k.cases_to_enforce,
                        'casesWithConditions', k.cases_with_conditions, 'casesCompleted', k.cases_completed, 'moneyToEnforce', k.money_to_enforce,
                        'moneyWithConditions', k.money_with_conditions, 'moneyCollected', k.money_collected))::text
                    from kpi_daily k where k.stat_year = @year - 1 and k.unit_kind = {UnitKindSql.Nation} and k.unit_code = '' and k.day = p.day) as last_year_rows,
                   t.case_rate as case_target, t.money_rate as money_target,
                   (select max(finished_at) from refresh_run) as refreshed_at,
                   (select count(*) from province pr
                    where exists (select 1 from statistical_report r where r.stat_year = @year and r.province_code = pr.code and r.office_code is null)
                      and not {FigureSources.HasCases("@year", "pr.code")})::int as provinces_from_reports
            from d cross join p
            left join lateral (select case_rate, money_rate from target
                               where stat_year = @year and province_code is null order by set_at desc, id desc limit 1) t on true
            """, new { year = (short)year, requested }, cancellationToken: cancellationToken));
        var lastYearDay = StatisticalYear.SameDateLastYear(row.Day ?? requested);
        var hasLastYear = row.LastYearDay == lastYearDay;
        return new NationalSnapshot(year, requested, row.Day, Categories(row.Rows),
            hasLastYear ? row.LastYearDay : null, hasLastYear ? Categories(row.LastYearRows) : new Dictionary<Category, Indicators>(),
            row.CaseTarget, row.MoneyTarget,
            row.RefreshedAt is { } at ? clock.Local(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : null)
        {
            ProvincesFromReports = row.ProvincesFromReports,
            // Only when some province counts from reports: their versions, said on the screen.
            ReportSources = row.ProvincesFromReports == 0 ? new Dictionary<string, FigureSource>()
                : (await FigureSources.LoadAsync(connection, clock.Year(year), null, row.Day ?? requested, clock.Today, reporting.Value.DeadlineDays, cancellationToken))
                    .Where(s => !s.Value.HasCases && s.Value.HasReports).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
        };
    }

    private sealed record CategoryRow(short Category, long CasesToEnforce, long CasesWithConditions, long CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    private static Dictionary<Category, Indicators> Categories(string? json) =>
        json is null
            ? []
            : (JsonSerializer.Deserialize<List<CategoryRow>>(json, Json) ?? []).ToDictionary(r => (Category)r.Category, r => new Indicators(
                r.CasesToEnforce, r.CasesWithConditions, r.CasesCompleted, r.MoneyToEnforce, r.MoneyWithConditions, r.MoneyCollected));
}

using Dapper;
using MonitoringCenter.Web.Model;
using Npgsql;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>Which provinces of a statistical year have case-level data and which sent province reports.</summary>
internal static class FigureSources
{
    /// <summary>
    /// SQL: whether <paramref name="province"/> has cases in <paramref name="year"/>, as one index
    /// probe: the first province code from it on in the (stat_year, province_code) index. Written
    /// as EXISTS the planner may hash the whole year's cases, and as "= code limit 1" it may scan
    /// them all looking for a province that has none (both seen: 400 ms a call on a skewed year).
    /// </summary>
    public static string HasCases(string year, string province) => $"""
        coalesce((select e.province_code from enforcement_case e where e.stat_year = {year} and e.province_code >= {province}
                  order by e.province_code limit 1) = {province}, false)
        """;

    private sealed record Row(string Code, bool HasCases, bool HasReports);

    /// <summary>Every province, or only <paramref name="province"/>, by code.</summary>
    public static async Task<Dictionary<string, FigureSource>> LoadAsync(NpgsqlConnection connection, int year, string? province,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Row>(new CommandDefinition($"""
            select p.code,
                   {HasCases("@year", "p.code")} as has_cases,
                   exists (select 1 from statistical_report r where r.stat_year = @year and r.province_code = p.code and r.office_code is null) as has_reports
            from province p where @province::text is null or p.code = @province
            """, new { year = (short)year, province }, cancellationToken: cancellationToken)))
        .ToDictionary(r => r.Code, r => new FigureSource(r.HasCases, r.HasReports), StringComparer.Ordinal);
}

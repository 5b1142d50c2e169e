using Dapper;
using MonitoringCenter.Web.Model;
using Npgsql;

namespace MonitoringCenter.Web.Data.Queries;

/// <summary>
/// Which provinces of a statistical year have case-level data and which sent province reports.
/// "limit 1" keeps each test a single index probe: as an EXISTS the planner may hash the whole
/// year's cases instead (it did on a skewed year, at 400 ms a call).
/// </summary>
internal static class FigureSources
{
    private sealed record Row(string Code, bool HasCases, bool HasReports);

    /// <summary>Every province, or only <paramref name="province"/>, by code.</summary>
    public static async Task<Dictionary<string, FigureSource>> LoadAsync(NpgsqlConnection connection, int year, string? province,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Row>(new CommandDefinition("""
            select p.code,
                   (select true from enforcement_case e where e.stat_year = @year and e.province_code = p.code limit 1) is not null as has_cases,
                   exists (select 1 from statistical_report r where r.stat_year = @year and r.province_code = p.code and r.office_code is null) as has_reports
            from province p where @province::text is null or p.code = @province
            """, new { year = (short)year, province }, cancellationToken: cancellationToken)))
        .ToDictionary(r => r.Code, r => new FigureSource(r.HasCases, r.HasReports), StringComparer.Ordinal);
}

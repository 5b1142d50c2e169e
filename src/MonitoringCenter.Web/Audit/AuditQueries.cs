using System.Runtime.CompilerServices;
using Dapper;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Audit;

/// <summary>The audit trail as <c>/admin/audit</c> and its CSV export read it.</summary>
public sealed class AuditQueries(NpgsqlDataSource dataSource, Clock clock)
{
    public const int PageSize = 100;

    private const string Select = """
        select a.id, a.at, a.actor, a.action, a.subject, a.province_code, p.name_vi as province_name, a.detail::text as detail, a.remote_ip
        from audit_log a left join province p on p.code = a.province_code
        where (@actor::text is null or a.actor ilike '%' || @actor || '%' escape '\')
          and (@action::text is null or a.action = @action or a.action like @actionFamily escape '\')
          and (@province::text is null or a.province_code = @province)
          and (@from::timestamptz is null or a.at >= @from)
          and (@to::timestamptz is null or a.at < @to)
        order by a.at desc, a.id desc
        """;

    /// <summary>Page <paramref name="page"/> (from 1) of the rows the filter keeps, newest first.</summary>
    public async Task<AuditPageOfEntries> PageAsync(AuditFilter filter, int page, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AuditEntry>(new CommandDefinition(Select + "\nlimit @limit offset @offset",
            Parameters(filter, new { limit = PageSize + 1, offset = (page - 1) * PageSize }), cancellationToken: cancellationToken))).ToList();
        return new AuditPageOfEntries(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
    }

    /// <summary>Every row the filter keeps, newest first, read as it is written out.</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await foreach (var entry in connection.QueryUnbufferedAsync<AuditEntry>(Select, Parameters(filter, null)).WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    /// <summary>The actions recorded so far, for the filter's suggestions (one index probe per action).</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition("""
            with recursive a (action) as (
                select min(action) from audit_log
                union all
                select (select min(action) from audit_log where action > a.action) from a where a.action is not null)
            select action from a where action is not null
            """, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<(string Code, string Name)>> ProvincesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "select code, name_vi from province order by name_vi", cancellationToken: cancellationToken))).ToList();
    }

    private DynamicParameters Parameters(AuditFilter filter, object? extra)
    {
        var parameters = new DynamicParameters(extra);
        parameters.Add("actor", filter.Actor is null ? null : Escape(filter.Actor));
        parameters.Add("action", filter.Action);
        parameters.Add("actionFamily", filter.Action is null ? null : Escape(filter.Action) + ".%");
        parameters.Add("province", filter.Province);
        parameters.Add("from", filter.From is { } from ? Start(from) : null);
        parameters.Add("to", filter.To is { } to ? Start(to.AddDays(1)) : null);
        return parameters;
    }

    /// <summary>The instant a day begins in the statistics time zone.</summary>
    private DateTime Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        var offset = clock.Local(new DateTimeOffset(local, TimeSpan.Zero)).Offset;
        return new DateTimeOffset(local, offset).UtcDateTime;
    }

    private static string Escape(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}

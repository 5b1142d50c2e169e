using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Directives;

/// <summary>
/// Directives for the board, the province page and the overdue rule. A directive is overdue from
/// the day after its due date on the center's calendar (Asia/Ho_Chi_Minh) until it is done.
/// </summary>
public sealed class DirectiveQueries(NpgsqlDataSource dataSource, Clock clock, IOptions<DirectiveOptions> options)
{
    private sealed record Row(long Id, string ProvinceCode, string ProvinceName, string Title, string? Body, DateOnly DueOn, string Responsible,
        long? AlertId, long? ReviewNoteId, string State, short Progress, string IssuedBy, DateTime IssuedAt, string? AcknowledgedBy,
        DateTime? AcknowledgedAt, string? DoneBy, DateTime? DoneAt, DateTime UpdatedAt);

    private sealed record EventRow(long Id, DateTime At, string Action, string Actor, string? Note, short? Progress);

    private sealed record SummaryRow(string Code, string Name, int Open, int DueSoon, int Overdue, int Done);

    private const string Select = """
        select d.id, d.province_code, p.name_vi as province_name, d.title, d.body, d.due_on, d.responsible, d.alert_id, d.review_note_id,
               d.state, d.progress, d.issued_by, d.issued_at, d.acknowledged_by, d.acknowledged_at, d.done_by, d.done_at, d.updated_at
        from directive d join province p on p.code = d.province_code
        """;

    // The buckets in SQL, the same as Bucket() below: @today and @soon (the last day that is "due soon").
    private const string BucketWhere = """
        (@bucket = 'all'
         or (@bucket = 'done' and d.state = 'done')
         or (@bucket = 'open' and d.state <> 'done')
         or (@bucket = 'overdue' and d.state <> 'done' and d.due_on < @today)
         or (@bucket = 'due-soon' and d.state <> 'done' and d.due_on between @today and @soon))
        """;

    private DateOnly Today => clock.Today;

    private DateOnly Soon => Today.AddDays(Math.Max(0, options.Value.DueSoonDays - 1));

    public async Task<IReadOnlyList<DirectiveView>> ListAsync(DirectiveBucket bucket, string? province = null, int limit = 200,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Select + $"""

            where {BucketWhere} and (@province::text is null or d.province_code = @province)
            order by (d.state = 'done'), case when d.state = 'done' then null else d.due_on end, d.done_at desc, d.id desc
            limit @limit
            """, new { bucket = DirectiveText.Css(bucket), today = Today, soon = Soon, province, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(View)];
    }

    public async Task<DirectiveView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(Select + " where d.id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : View(row);
    }

    /// <summary>A meeting's note a directive is drafted from (its province and words); null when there is no such note.</summary>
    public async Task<(string ProvinceCode, string Body)?> ReviewNoteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ProvinceCode, string Body)>(new CommandDefinition(
            "select province_code, body from review_note where id = @id", new { id }, cancellationToken: cancellationToken));
        return rows.Select(r => ((string, string)?)r).FirstOrDefault();
    }

    /// <summary>The newest directive event's id (0 without any): grows with every issue and answer.</summary>
    public async Task<long> LastEventAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(max(id), 0) from directive_event", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DirectiveEventView>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            "select id, at, action, actor, note, progress from directive_event where directive_id = @id order by id", new { id }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new DirectiveEventView(r.Id, clock.Local(Utc(r.At)), r.Action, r.Actor, r.Note, r.Progress))];
    }

    public async Task<DirectiveCounts> CountsAsync(string? province = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<DirectiveCounts>(new CommandDefinition("""
            select count(*) filter (where state <> 'done')::int as open,
                   count(*) filter (where state <> 'done' and due_on between @today and @soon)::int as due_soon,
                   count(*) filter (where state <> 'done' and due_on < @today)::int as overdue,
                   count(*) filter (where state = 'done')::int as done
            from directive where @province::text is null or province_code = @province
            """, new { today = Today, soon = Soon, province }, cancellationToken: cancellationToken));
    }

    /// <summary>Every province that has had a directive, with its counts; provinces first by overdue, then by open.</summary>
    public async Task<IReadOnlyList<ProvinceDirectives>> ByProvinceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition("""
            select p.code, p.name_vi as name,
                   count(*) filter (where d.state <> 'done')::int as open,
                   count(*) filter (where d.state <> 'done' and d.due_on between @today and @soon)::int as due_soon,
                   count(*) filter (where d.state <> 'done' and d.due_on < @today)::int as overdue,
                   count(*) filter (where d.state = 'done')::int as done
            from directive d join province p on p.code = d.province_code
            group by p.code, p.name_vi
            order by overdue desc, open desc, p.code
            """, new { today = Today, soon = Soon }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ProvinceDirectives(r.Code, r.Name, r.Open, r.DueSoon, r.Overdue, r.Done))];
    }

    /// <summary>The provinces with overdue directives as of <paramref name="today"/>, read on the caller's connection (the alert evaluation's).</summary>
    public static async Task<IReadOnlyList<OverdueDirectives>> OverdueAsync(NpgsqlConnection connection, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(string Code, int Count, int Days)>(new CommandDefinition("""
            select province_code, count(*)::int, max(@today - due_on)::int
            from directive where state <> 'done' and due_on < @today
            group by province_code order by province_code
            """, new { today }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new OverdueDirectives(r.Code, r.Count, r.Days))];
    }

    public DirectiveBucket Bucket(DirectiveState state, DateOnly dueOn) =>
        state == DirectiveState.Done ? DirectiveBucket.Done
        : dueOn < Today ? DirectiveBucket.Overdue
        : dueOn <= Soon ? DirectiveBucket.DueSoon
        : DirectiveBucket.Open;

    private DirectiveView View(Row r)
    {
        var state = DirectiveText.ParseState(r.State);
        var due = r.DueOn;
        return new DirectiveView(r.Id, r.ProvinceCode, r.ProvinceName, r.Title, r.Body, due, r.Responsible, r.AlertId, r.ReviewNoteId, state, r.Progress,
            r.IssuedBy, clock.Local(Utc(r.IssuedAt)), r.AcknowledgedBy, Local(r.AcknowledgedAt), r.DoneBy, Local(r.DoneAt), clock.Local(Utc(r.UpdatedAt)),
            Bucket(state, due), state == DirectiveState.Done ? 0 : Math.Max(0, Today.DayNumber - due.DayNumber));
    }

    private DateTimeOffset? Local(DateTime? value) => value is { } v ? clock.Local(Utc(v)) : null;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

using Dapper;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Review;

/// <summary>A leader's note on a province for a meeting.</summary>
public sealed record ReviewNote(long Id, string ProvinceCode, string Body, string Author, DateTimeOffset CreatedAt);

/// <summary>Notes kept per meeting (statistical year and frozen day), each one audited.</summary>
public sealed class ReviewNotes(NpgsqlDataSource dataSource, AuditLog audit)
{
    public const int MaxLength = 1000;

    public async Task<IReadOnlyList<ReviewNote>> ListAsync(ReviewPoint point, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string ProvinceCode, string Body, string Author, DateTime CreatedAt)>(new CommandDefinition("""
            select id, province_code, body, author, created_at from review_note
            where stat_year = @year and as_of = @asOf order by created_at, id
            """, new { year = (short)point.Year.Year, asOf = point.AsOf }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ReviewNote(r.Id, r.ProvinceCode, r.Body, r.Author, new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc))))];
    }

    /// <summary>Adds a note; a readable problem (Vietnamese) instead when the note cannot be kept.</summary>
    public async Task<string?> AddAsync(ReviewPoint point, string? province, string? body, string author, string? remoteIp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        body = body?.Trim();
        if (province is null || !Ingestion.Validation.ProvinceCodes.Contains(province))
        {
            return "Chọn tỉnh, thành phố cho ghi chú.";
        }
        if (string.IsNullOrEmpty(body))
        {
            return "Ghi chú đang trống.";
        }
        if (body.Length > MaxLength)
        {
            return $"Ghi chú dài {body.Length} ký tự; tối đa {MaxLength}.";
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into review_note (stat_year, as_of, province_code, body, author) values (@year, @asOf, @province, @body, @author) returning id
            """, new { year = (short)point.Year.Year, asOf = point.AsOf, province, body, author }, transaction, cancellationToken: cancellationToken));
        await audit.WriteAsync(author, "review.note", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { year = point.Year.Year, asOf = point.AsOf, body }, remoteIp, province, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Ingestion;

public sealed record ApiKey
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public bool AllProvinces { get; init; }

    public string[] Provinces { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; init; }

    public bool Revoked => RevokedAt is not null;

    public string Actor => $"api-key:{Id}";
}

/// <summary>
/// Source systems' API keys. A key is 256 random bits shown once when issued; the database keeps
/// only its SHA-256, which is enough for a random secret of that size (no slow hash needed).
/// A found key is remembered for <see cref="Remember"/>, so a sender's steady stream of batches
/// does not cost a lookup each; a revocation here takes effect at once, one made on another node
/// (or with the CLI) within that time.
/// </summary>
public sealed class ApiKeys(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(5);

    private const string Prefix = "mck_";

    private const int MostRemembered = 1_000;

    private readonly ConcurrentDictionary<string, (ApiKey Key, long FoundAt)> _recent = new(StringComparer.Ordinal);

    private const string Columns = "id, name, all_provinces as AllProvinces, provinces, created_at as CreatedAt, revoked_at as RevokedAt";

    /// <summary>Issues a key for <paramref name="provinces"/> (or every province); returns it with the secret to hand over.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, bool allProvinces, IReadOnlyCollection<string> provinces, string actor,
        CancellationToken cancellationToken = default)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = await connection.QuerySingleAsync<ApiKey>(new CommandDefinition($"""
            insert into api_key (name, key_hash, all_provinces, provinces) values (@name, @hash, @allProvinces, @provinces)
            returning {Columns}
            """, new { name, hash = Hash(secret), allProvinces, provinces = provinces.ToArray() }, transaction, cancellationToken: cancellationToken));
        await audit.WriteAsync(actor, "apikey.create", key.Actor, new { name, allProvinces, provinces }, transaction: transaction, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>Revokes a key for good; false when there is no such key or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "update api_key set revoked_at = now() where id = @id and revoked_at is null", new { id }, transaction, cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await audit.WriteAsync(actor, "apikey.revoke", $"api-key:{id}", transaction: transaction, cancellationToken: cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        _recent.Clear();
        return changed > 0;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ApiKey>(new CommandDefinition($"select {Columns} from api_key order by id", cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The key a request presented, revoked or not; null when unknown.</summary>
    public async Task<ApiKey?> FindAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (presented.Length is < 10 or > 100)
        {
            return null;
        }
        var hash = Hash(presented);
        var name = Convert.ToHexString(hash);
        if (_recent.TryGetValue(name, out var known) && time.GetElapsedTime(known.FoundAt) < Remember)
        {
            return known.Key;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var key = await connection.QuerySingleOrDefaultAsync<ApiKey>(new CommandDefinition(
            $"select {Columns} from api_key where key_hash = @hash", new { hash }, cancellationToken: cancellationToken));
        if (key is not null)
        {
            if (_recent.Count >= MostRemembered)
            {
                _recent.Clear();
            }
            _recent[name] = (key, time.GetTimestamp());
        }
        return key;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

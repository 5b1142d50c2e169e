using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>Opens the transaction a batch of case events is written in (<see cref="CaseEventWrite"/>).</summary>
public sealed class CaseEventStore(NpgsqlDataSource dataSource, AuditLog audit)
{
    /// <summary>
    /// Begins a batch's transaction holding the cases <paramref name="caseKeys"/>: one writer per
    /// case at a time, since a case is rebuilt from every event committed before it.
    /// </summary>
    public async Task<CaseEventWrite> BeginAsync(IEnumerable<byte[]> caseKeys, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var write = new CaseEventWrite(connection, transaction, audit);
            await write.LockAsync(caseKeys, cancellationToken);
            return write;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

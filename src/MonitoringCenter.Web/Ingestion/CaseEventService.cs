using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// Applies batches of case events to the source tables: validates every field
/// (<see cref="CaseEventValidator"/>), checks the caller's provinces, drops repeated event ids,
/// stores the new events and rebuilds each touched case's yearly rows (and payments) from all of
/// its events, then records what that changed in the daily figures (<c>kpi_delta</c>) for the
/// read-model refresh, all in one transaction (<see cref="CaseEventStore"/>), and announces it.
/// The HTTP API and in-process writers (the demo simulator) both come through here.
/// </summary>
public sealed class CaseEventService(
    CaseEventStore store,
    CaseKeys keys,
    Clock clock,
    AuditLog audit,
    SourceChanges changes,
    IOptions<IngestionOptions> options,
    IOptions<StatisticsOptions> statistics)
{
    /// <summary>Tries of a batch that crosses a concurrent writer before the error is let through.</summary>
    private const int Attempts = 4;

    private readonly CaseEventValidator _validator = new(options.Value, statistics.Value);

    private sealed record Item(ValidEvent Valid, byte[] EventKey, byte[] CaseKey)
    {
        public string CaseHex { get; } = Convert.ToHexString(CaseKey);
    }

    /// <summary>
    /// Validates and applies <paramref name="events"/> as one unit. Returns <see cref="BatchStatus.Invalid"/>
    /// or <see cref="BatchStatus.Forbidden"/> having written nothing (a forbidden attempt is audited);
    /// otherwise every event is accepted, a duplicate of one already stored, or rejected with its
    /// reason (when its case's events would make an impossible case), and the accepted ones are
    /// committed before this returns.
    /// </summary>
    public async Task<BatchResult> ApplyAsync(IReadOnlyList<CaseEvent?>? events, IngestionCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var batch = _validator.Validate(events, clock.Now);
        if (!batch.IsValid)
        {
            return new BatchResult(BatchStatus.Invalid, [], batch.Errors, []);
        }
        var forbidden = batch.Events
            .SelectMany(v => new[] { v.Event.Province, v.Event.ToOffice is { } to ? CaseHistory.ProvinceOf(to) : v.Event.Province })
            .Where(p => !caller.MayWrite(p)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (forbidden.Count > 0)
        {
            return await ForbiddenAsync(caller, forbidden, batch.Events.Count, cancellationToken);
        }
        var items = batch.Events.Select(v => new Item(v, keys.Event(v.EventId), keys.Case(v.CaseId))).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(items, caller, cancellationToken);
            }
            catch (PostgresException ex) when (attempt < Attempts && ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // A refresh clearing marks, or another batch, crossed ours: the whole batch is redone.
            }
        }
    }

    private async Task<BatchResult> ForbiddenAsync(IngestionCaller caller, IReadOnlyList<string> provinces, int events, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(caller.Actor, "ingest.forbidden", string.Join(",", provinces),
            new { endpoint = "events", provinces, events }, caller.RemoteIp, provinces is [var only] ? only : null, cancellationToken: cancellationToken);
        return new BatchResult(BatchStatus.Forbidden, [], new Dictionary<string, string[]>(), provinces);
    }

    private async Task<BatchResult> WriteAsync(List<Item> items, IngestionCaller caller, CancellationToken cancellationToken)
    {
        var outcomes = new EventOutcome?[items.Count];
        // Within the batch the first of a repeated id counts.
        var fresh = new List<(int Position, Item Item)>();
        for (var p = 0; p < items.Count; p++)
        {
            if (items[p].Valid.Repeat)
            {
                outcomes[p] = Outcome(items[p], EventStatus.Duplicate);
            }
            else
            {
                fresh.Add((p, items[p]));
            }
        }

        await using var write = await store.BeginAsync(fresh.Select(f => f.Item).DistinctBy(i => i.CaseHex).Select(i => i.CaseKey), cancellationToken);

        var stored = await write.StoredEventsAsync([.. fresh.Select(f => f.Item.EventKey)], cancellationToken);
        foreach (var (position, item) in fresh.Where(f => stored.Contains(Convert.ToHexString(f.Item.EventKey))))
        {
            outcomes[position] = Outcome(item, EventStatus.Duplicate);
        }
        fresh = [.. fresh.Where(f => !stored.Contains(Convert.ToHexString(f.Item.EventKey)))];

        var history = await write.HistoryAsync([.. fresh.Select(f => f.Item).DistinctBy(i => i.CaseHex).Select(i => i.CaseKey)], cancellationToken);

        // Each known case as its stored events make it: where it is now, and the rows stored for it.
        var lastYear = clock.CurrentYear.Year;
        var before = history.ToDictionary(h => h.Key, h => CaseHistory.Rebuild(h.Value, clock.YearStartMonth, lastYear), StringComparer.Ordinal);

        // A key may add to a case only while the case is in one of its provinces.
        var forbidden = new SortedSet<string>(before.Values.Select(b => b.CurrentProvince).Where(p => !caller.MayWrite(p)), StringComparer.Ordinal);
        if (forbidden.Count > 0)
        {
            await write.RollbackAsync(cancellationToken);
            return await ForbiddenAsync(caller, [.. forbidden], items.Count, cancellationToken);
        }

        var rebuilt = new List<(byte[] CaseKey, CaseYearRow Row)>();
        var accepted = new List<Item>();
        foreach (var group in fresh.GroupBy(f => f.Item.CaseHex))
        {
            var past = history.GetValueOrDefault(group.Key) ?? [];
            var result = CaseHistory.Rebuild(past.Concat(group.Select(g => g.Item.Valid.Event)), clock.YearStartMonth, lastYear);
            foreach (var (position, item) in group)
            {
                outcomes[position] = Outcome(item, result.Error is null ? EventStatus.Accepted : EventStatus.Rejected, result.Error);
            }
            if (result.Error is null)
            {
                accepted.AddRange(group.Select(g => g.Item));
                rebuilt.AddRange(result.Rows.Select(r => (group.First().Item.CaseKey, r)));
            }
        }

        if (accepted.Count > 0)
        {
            await write.InsertEventsAsync([.. accepted.Select(a => (a.EventKey, a.CaseKey, a.Valid.Event))], caller.ApiKeyId, cancellationToken);
            var storedRows = await write.DeleteCasesAsync([.. accepted.DistinctBy(a => a.CaseHex).Select(a => a.CaseKey)], cancellationToken);
            var (figures, unexplained) = Changes(storedRows, before, rebuilt);
            await write.InsertCasesAsync(rebuilt, cancellationToken);
            await write.InsertFigureChangesAsync(figures.NonZero(), cancellationToken);
            await write.MarkWholeYearsAsync(unexplained, cancellationToken);
        }
        var applied = new BatchResult(BatchStatus.Applied, outcomes.Select(o => o!).OrderBy(o => o.Index).ToList(), new Dictionary<string, string[]>(), []);
        if (caller.Request is { } request)
        {
            // The key's use, committed with what it wrote (one commit per batch, not two).
            await write.AuditAsync(caller.Actor, "api.use", request,
                new { status = StatusCodes.Status200OK, accepted = applied.Accepted, duplicates = applied.Duplicates, rejected = applied.Rejected },
                caller.RemoteIp, cancellationToken);
        }
        await write.CommitAsync(cancellationToken);
        if (accepted.Count > 0)
        {
            changes.Announce();
        }
        return applied;
    }

    private static EventOutcome Outcome(Item item, EventStatus status, string? reason = null) =>
        new(item.Valid.Index, item.Valid.EventId, status, reason);

    /// <summary>
    /// The figures change by each case's stored rows (as rebuilt from its earlier events) out, its
    /// new rows in. A stored row the earlier events do not explain has its year recounted from the cases.
    /// </summary>
    private static (FigureChanges Figures, SortedSet<(short Year, string Province)> Unexplained) Changes(
        IEnumerable<(string Case, int Year, string Province)> storedRows, IReadOnlyDictionary<string, CaseRebuild> before,
        IEnumerable<(byte[] CaseKey, CaseYearRow Row)> rebuilt)
    {
        var figures = new FigureChanges();
        var unexplained = new SortedSet<(short Year, string Province)>();
        foreach (var (caseHex, year, province) in storedRows)
        {
            if (before.GetValueOrDefault(caseHex)?.Rows.FirstOrDefault(r => r.Year == year && r.Province == province) is { } row)
            {
                figures.CountOut(row);
            }
            else
            {
                unexplained.Add(((short)year, province));
            }
        }
        foreach (var (_, row) in rebuilt)
        {
            figures.CountIn(row);
        }
        return (figures, unexplained);
    }
}

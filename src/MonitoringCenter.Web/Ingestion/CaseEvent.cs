namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// One event in a case's life as a source system sends it (the JSON body of
/// <c>POST /api/v1/events</c> is <c>{"events": [ ... ]}</c> of these). Every property is
/// optional here so that a missing one is reported as a validation error naming the item and
/// field, not as a parse failure.
/// </summary>
public sealed record CaseEvent
{
    /// <summary>Chosen by the sender, unique per event (e.g. a UUID): a repeated id is acknowledged as a duplicate and ignored.</summary>
    public string? EventId { get; init; }

    /// <summary>accepted, classified, amount-set, payment, completed, terminated, postponed, suspended, resumed, transferred.</summary>
    public string? Type { get; init; }

    /// <summary>The source's opaque case id; stored only as a keyed hash.</summary>
    public string? CaseId { get; init; }

    /// <summary>Province code (e.g. "79") of the office handling the case when the event happened.</summary>
    public string? Province { get; init; }

    /// <summary>Regional office code (e.g. "79-03").</summary>
    public string? Office { get; init; }

    /// <summary>ISO 8601 time with an offset ("2026-01-05T09:30:00+07:00") or a local date ("2026-01-05").</summary>
    public string? OccurredAt { get; init; }

    /// <summary>Optional: the statistical year the sender counts the event in; the date must fall inside it.</summary>
    public int? StatYear { get; init; }

    /// <summary>accepted: corruption-economic, credit-banking, administrative or other.</summary>
    public string? Category { get; init; }

    /// <summary>accepted and amount-set: the amount to enforce; payment: the amount collected. Whole đồng.</summary>
    public long? Amount { get; init; }

    /// <summary>classified: whether the case has the conditions for enforcement.</summary>
    public bool? WithConditions { get; init; }

    /// <summary>transferred: the receiving regional office.</summary>
    public string? ToOffice { get; init; }

    /// <summary>
    /// Optional, on any event: true when the case is under the monitoring and direction of the
    /// Central Steering Committee on Anti-Corruption, false when it no longer is. Usually sent on
    /// <c>accepted</c>; the latest event that carries it decides. Omitted: unchanged (false at first).
    /// </summary>
    public bool? SteeringCommittee { get; init; }
}

/// <summary>The JSON body of <c>POST /api/v1/events</c>.</summary>
public sealed record CaseEventBatch
{
    public IReadOnlyList<CaseEvent?>? Events { get; init; }
}

/// <summary>
/// Who is writing, and which provinces it may write. The HTTP API builds one from the API key;
/// in-process writers such as the demo simulator use <see cref="System"/>.
/// </summary>
/// <param name="Request">The HTTP request ("POST /api/v1/events") whose use of the key is audited in the batch's own transaction.</param>
public sealed record IngestionCaller(string Actor, long? ApiKeyId, bool AllProvinces, IReadOnlySet<string> Provinces, string? RemoteIp = null,
    string? Request = null)
{
    /// <summary>A caller allowed to write every province, audited under <paramref name="actor"/>.</summary>
    public static IngestionCaller System(string actor = "system") => new(actor, null, true, new HashSet<string>());

    public bool MayWrite(string province) => AllProvinces || Provinces.Contains(province);
}

public enum BatchStatus
{
    /// <summary>Validated and committed: see each event's outcome.</summary>
    Applied,

    /// <summary>Some field failed validation; nothing was written. See <see cref="BatchResult.Errors"/>.</summary>
    Invalid,

    /// <summary>Events for provinces the caller may not write; nothing was written, the attempt is audited.</summary>
    Forbidden,
}

public enum EventStatus
{
    Accepted,
    Duplicate,
    Rejected,
}

public sealed record EventOutcome(int Index, string EventId, EventStatus Status, string? Reason = null);

/// <summary>What <see cref="CaseEventService.ApplyAsync"/> did with a batch.</summary>
/// <param name="Errors">Field errors keyed like <c>events[3].amount</c> when <see cref="Status"/> is Invalid.</param>
/// <param name="ForbiddenProvinces">The provinces the caller may not write when <see cref="Status"/> is Forbidden.</param>
public sealed record BatchResult(
    BatchStatus Status,
    IReadOnlyList<EventOutcome> Outcomes,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyList<string> ForbiddenProvinces)
{
    public int Accepted => Outcomes.Count(o => o.Status == EventStatus.Accepted);

    public int Duplicates => Outcomes.Count(o => o.Status == EventStatus.Duplicate);

    public int Rejected => Outcomes.Count(o => o.Status == EventStatus.Rejected);
}

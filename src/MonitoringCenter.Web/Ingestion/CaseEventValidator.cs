using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// Checks a batch of case events field by field, without I/O: either every error a sender gets
/// back (under names like <c>events[3].amount</c>), or the events as they are stored, dates read
/// in the statistics time zone. Whether a case's events make a possible case is decided later,
/// against its stored events (<see cref="CaseHistory"/>).
/// </summary>
public sealed class CaseEventValidator(IngestionOptions ingestion, StatisticsOptions statistics)
{
    /// <summary>How far ahead of the server's clock a sender's clock may run.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const int MaxEventIdLength = 100;

    private const int MaxCaseIdLength = 200;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(statistics.TimeZone);

    public ValidatedBatch Validate(IReadOnlyList<CaseEvent?>? events, DateTimeOffset now)
    {
        var check = new Validation();
        var max = ingestion.MaxEventsPerBatch;
        if (events is null || events.Count == 0)
        {
            check.Add("events", "at least one event is required");
            return new ValidatedBatch([], check.Errors());
        }
        if (events.Count > max)
        {
            check.Add("events", $"at most {max} events per batch");
            return new ValidatedBatch([], check.Errors());
        }
        var earliest = Year(ingestion.EarliestYear).Start;
        var latest = now + ClockSkew;
        var valid = new List<ValidEvent>(events.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var at = $"events[{i}]";
            if (events[i] is not { } e)
            {
                check.Add(at, "must be an object");
                continue;
            }
            var eventId = check.Identifier($"{at}.eventId", e.EventId, MaxEventIdLength);
            var caseId = check.Identifier($"{at}.caseId", e.CaseId, MaxCaseIdLength);
            var type = check.OneOf($"{at}.type", e.Type, WireNames.EventTypes);
            var province = check.Province($"{at}.province", e.Province);
            var office = check.Office($"{at}.office", e.Office, province);
            var occurred = Occurred(check, $"{at}.occurredAt", e, earliest, latest);
            short? category = null;
            long? amount = null;
            string? toOffice = null;
            switch (type)
            {
                case CaseEventType.Accepted:
                    category = (short?)check.OneOf($"{at}.category", e.Category, WireNames.Categories);
                    amount = check.Amount($"{at}.amount", e.Amount, required: false) ?? 0;
                    break;
                case CaseEventType.AmountSet:
                    amount = check.Amount($"{at}.amount", e.Amount, required: true);
                    break;
                case CaseEventType.Payment:
                    amount = check.Amount($"{at}.amount", e.Amount, required: true, positive: true);
                    break;
                case CaseEventType.Classified when e.WithConditions is null:
                    check.Add($"{at}.withConditions", "is required");
                    break;
                case CaseEventType.Transferred:
                    toOffice = check.Office($"{at}.toOffice", e.ToOffice, null);
                    if (toOffice is not null && toOffice == office)
                    {
                        check.Add($"{at}.toOffice", "must differ from office");
                    }
                    break;
                default:
                    break;
            }
            if (!check.HasErrors && eventId is not null && caseId is not null && type is { } eventType && province is not null
                && office is not null && occurred is (var when, var day))
            {
                // Stored events of the case come first: these follow them in batch order.
                var seq = long.MaxValue - events.Count + i;
                valid.Add(new ValidEvent(i, eventId, caseId, new StoredEvent(seq, eventType, when.ToUniversalTime(), day, province, office,
                    category, amount, type == CaseEventType.Classified ? e.WithConditions : null, toOffice, e.SteeringCommittee), Repeat: !seen.Add(eventId)));
            }
        }
        return check.HasErrors ? new ValidatedBatch([], check.Errors()) : new ValidatedBatch(valid, new Dictionary<string, string[]>());
    }

    private StatisticalYear Year(int year) => new(year, statistics.YearStartMonth);

    /// <summary>When the event happened, and its day in the statistics time zone: between the earliest year's start and now, inside its statistical year when one is given.</summary>
    private (DateTimeOffset When, DateOnly Day)? Occurred(Validation check, string field, CaseEvent e, DateOnly earliest, DateTimeOffset latest)
    {
        if (e.OccurredAt is null)
        {
            check.Add(field, "is required");
            return null;
        }
        if (!Validation.TryParseInstant(e.OccurredAt, _zone, out var parsed))
        {
            check.Add(field, "must be an ISO 8601 time with an offset (2026-01-05T09:30:00+07:00) or a date (2026-01-05)");
            return null;
        }
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(parsed, _zone).DateTime);
        if (date < earliest || parsed > latest)
        {
            check.Add(field, $"must lie between {earliest:yyyy-MM-dd} and now");
            return null;
        }
        if (e.StatYear is { } statYear && !Year(statYear).Contains(date))
        {
            check.Add(field, $"must lie inside statistical year {statYear} ({Year(statYear).Start:yyyy-MM-dd}..{Year(statYear).End:yyyy-MM-dd})");
            return null;
        }
        return (parsed, date);
    }
}

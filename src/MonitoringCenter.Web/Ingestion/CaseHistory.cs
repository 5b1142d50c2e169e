using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Ingestion;

public enum CaseEventType : short
{
    Accepted = 1,
    Classified = 2,
    AmountSet = 3,
    Payment = 4,
    Completed = 5,
    Terminated = 6,
    Postponed = 7,
    Suspended = 8,
    Resumed = 9,
    Transferred = 10,
}

/// <summary>The names events and categories have on the wire.</summary>
public static class WireNames
{
    public static IReadOnlyDictionary<string, CaseEventType> EventTypes { get; } = new Dictionary<string, CaseEventType>(StringComparer.Ordinal)
    {
        ["accepted"] = CaseEventType.Accepted,
        ["classified"] = CaseEventType.Classified,
        ["amount-set"] = CaseEventType.AmountSet,
        ["payment"] = CaseEventType.Payment,
        ["completed"] = CaseEventType.Completed,
        ["terminated"] = CaseEventType.Terminated,
        ["postponed"] = CaseEventType.Postponed,
        ["suspended"] = CaseEventType.Suspended,
        ["resumed"] = CaseEventType.Resumed,
        ["transferred"] = CaseEventType.Transferred,
    };

    public static IReadOnlyDictionary<string, Category> Categories { get; } = new Dictionary<string, Category>(StringComparer.Ordinal)
    {
        ["corruption-economic"] = Category.CorruptionEconomic,
        ["credit-banking"] = Category.CreditBanking,
        ["administrative"] = Category.Administrative,
        ["other"] = Category.OtherCivil,
    };
}

/// <summary>A case event as stored (ids already hashed, date already read in the statistics time zone).</summary>
public sealed record StoredEvent(long Seq, CaseEventType Type, DateTimeOffset At, DateOnly On, string Province, string Office,
    short? Category = null, long? Amount = null, bool? WithConditions = null, string? ToOffice = null, bool? SteeringCommittee = null);

public sealed record CasePayment(DateOnly On, long Amount);

/// <summary>One row of <c>enforcement_case</c> for one statistical year, with that year's payments.</summary>
/// <param name="OpenedOn">When the case was first accepted (a carried-over row's <paramref name="AcceptedOn"/> is its year's first day).</param>
/// <param name="StatusSince">Since when the case is postponed or suspended; null in any other status.</param>
public sealed record CaseYearRow(int Year, string Province, string Office, Category Category, CaseOrigin Origin, DateOnly AcceptedOn,
    Condition? Condition, DateOnly? ClassifiedOn, CaseStatus Status, DateOnly? CompletedOn,
    long AmountToEnforce, long AmountWithConditions, long AmountCollected, IReadOnlyList<CasePayment> Payments,
    bool SteeringCommittee = false, DateOnly? OpenedOn = null, DateOnly? StatusSince = null);

/// <param name="Rows">The case's rows, one per statistical year from its acceptance on; empty while no <c>accepted</c> event is known.</param>
/// <param name="Error">Why the events do not make a valid case (then <paramref name="Rows"/> is empty).</param>
/// <param name="CurrentProvince">The province holding the case after its latest event.</param>
public sealed record CaseRebuild(IReadOnlyList<CaseYearRow> Rows, string? Error, string CurrentProvince);

/// <summary>
/// Rebuilds a case's yearly rows from all of its events, in the order they happened (not the
/// order they arrived), the way the ministry counts: a case still open at the end of a
/// statistical year is carried over into the next one (accepted and classified on its first
/// day, its amount to enforce reduced by what was collected before), through
/// <c>lastYear</c>; a case completed or terminated is not carried over.
/// </summary>
public static class CaseHistory
{
    public static CaseRebuild Rebuild(IEnumerable<StoredEvent> events, int yearStartMonth, int lastYear)
    {
        // Content decides the order of events at the same instant, so any arrival order gives the same rows.
        var ordered = events
            .OrderBy(e => e.At).ThenBy(e => e.Type).ThenBy(e => e.Amount ?? -1).ThenBy(e => e.ToOffice, StringComparer.Ordinal)
            .ThenBy(e => e.WithConditions).ThenBy(e => e.Seq)
            .ToList();
        var latest = ordered[^1];
        var accepted = ordered.Find(e => e.Type == CaseEventType.Accepted);
        if (accepted is null)
        {
            return new CaseRebuild([], null, ProvinceOf(latest.ToOffice ?? latest.Office));
        }
        var state = new State(accepted, yearStartMonth);
        var finished = false;
        foreach (var e in ordered)
        {
            if (ReferenceEquals(e, accepted) || e.Type == CaseEventType.Accepted)
            {
                continue;
            }
            var on = e.On < accepted.On ? accepted.On : e.On;
            var year = StatisticalYear.Containing(on, yearStartMonth).Year;
            while (year > state.Year.Year)
            {
                state.CloseYear();
                if (state.Closed)
                {
                    finished = true;
                    break;
                }
                state.CarryOver();
            }
            if (finished)
            {
                break;
            }
            state.Apply(e, on);
        }
        if (!finished)
        {
            state.CloseYear();
            while (!state.Closed && state.Year.Year < lastYear)
            {
                state.CarryOver();
                state.CloseYear();
            }
        }
        return state.Error is { } error
            ? new CaseRebuild([], error, ProvinceOf(state.Office))
            : new CaseRebuild(state.Rows, null, ProvinceOf(state.Office));
    }

    public static string ProvinceOf(string office) => office.Split('-')[0];

    private sealed class State(StoredEvent accepted, int yearStartMonth)
    {
        private CaseOrigin _origin = CaseOrigin.NewlyAccepted;
        private DateOnly _acceptedOn = accepted.On;
        private long _amount = accepted.Amount ?? 0;
        private long _collectedBefore;
        private long _collectedInYear;
        private List<CasePayment> _payments = [];
        private Condition? _condition;
        private DateOnly? _classifiedOn;
        private CaseStatus _status = CaseStatus.InProgress;
        private DateOnly? _completedOn;
        private DateOnly? _statusSince;
        private bool _steering = accepted.SteeringCommittee ?? false;
        private readonly DateOnly _openedOn = accepted.On;
        private readonly Category _category = (Category)(accepted.Category ?? (short)Category.OtherCivil);

        public StatisticalYear Year { get; private set; } = StatisticalYear.Containing(accepted.On, yearStartMonth);

        public string Office { get; private set; } = accepted.Office;

        public List<CaseYearRow> Rows { get; } = [];

        public string? Error { get; private set; }

        public bool Closed => _status is CaseStatus.Completed or CaseStatus.Terminated;

        public void Apply(StoredEvent e, DateOnly on)
        {
            _steering = e.SteeringCommittee ?? _steering;
            switch (e.Type)
            {
                case CaseEventType.Classified:
                    _condition = e.WithConditions == true ? Condition.WithConditions : Condition.WithoutConditions;
                    _classifiedOn = on;
                    break;
                case CaseEventType.AmountSet:
                    _amount = e.Amount ?? _amount;
                    break;
                case CaseEventType.Payment:
                    _collectedInYear += e.Amount ?? 0;
                    _payments.Add(new CasePayment(on, e.Amount ?? 0));
                    break;
                case CaseEventType.Completed:
                case CaseEventType.Terminated:
                    _status = e.Type == CaseEventType.Completed ? CaseStatus.Completed : CaseStatus.Terminated;
                    _completedOn = on;
                    break;
                case CaseEventType.Postponed:
                case CaseEventType.Suspended:
                case CaseEventType.Resumed:
                    _status = e.Type switch
                    {
                        CaseEventType.Postponed => CaseStatus.Postponed,
                        CaseEventType.Suspended => CaseStatus.Suspended,
                        _ => CaseStatus.InProgress,
                    };
                    // A postponement that becomes a suspension is still the same delay.
                    _statusSince = _status == CaseStatus.InProgress ? null : _statusSince ?? on;
                    _completedOn = null;
                    break;
                case CaseEventType.Transferred:
                    Office = e.ToOffice ?? Office;
                    break;
                default:
                    break;
            }
        }

        public void CloseYear()
        {
            var toEnforce = _amount - _collectedBefore;
            if (_collectedInYear > toEnforce)
            {
                Error ??= $"payments collected ({_collectedBefore + _collectedInYear} đồng) would exceed the amount to enforce ({_amount} đồng)";
                return;
            }
            Rows.Add(new CaseYearRow(Year.Year, ProvinceOf(Office), Office, _category, _origin, _acceptedOn, _condition, _classifiedOn,
                _status, _completedOn, toEnforce, _condition == Condition.WithConditions ? toEnforce : 0, _collectedInYear, _payments,
                _steering, _openedOn, _status is CaseStatus.Postponed or CaseStatus.Suspended ? _statusSince : null));
        }

        public void CarryOver()
        {
            Year = Year with { Year = Year.Year + 1 };
            _origin = CaseOrigin.CarriedOver;
            _acceptedOn = Year.Start;
            _classifiedOn = _classifiedOn is null ? null : Year.Start;
            _collectedBefore += _collectedInYear;
            _collectedInYear = 0;
            _payments = [];
        }
    }
}

using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>
/// What one refresh redoes, decided without the database: which (year, province) pairs are
/// recounted from their cases and from which day, and which taken figure changes are added to
/// rows already built. <see cref="KpiRefresher"/> reads the facts a decision needs (marks, taken
/// changes, the last days built, the provinces switching source) and runs what the plan says.
/// </summary>
public sealed class RefreshPlan
{
    private readonly Dictionary<int, Dictionary<string, DateOnly?>> _recount;
    private readonly List<FigureDelta> _apply = [];

    private RefreshPlan(bool rebuild, Dictionary<int, Dictionary<string, DateOnly?>> recount, IReadOnlyList<RefreshMark> marks,
        IReadOnlyList<FigureDelta> taken)
    {
        Rebuild = rebuild;
        _recount = recount;
        Marks = marks;
        Taken = taken;
    }

    /// <summary>"full" or "incremental", as <c>refresh_run</c> records it.</summary>
    public string Kind => Rebuild ? "full" : "incremental";

    /// <summary>Every row is written anew (the table is emptied first), so no row is built yet.</summary>
    public bool Rebuild { get; }

    /// <summary>The marks seen at the start: only these are cleared.</summary>
    public IReadOnlyList<RefreshMark> Marks { get; }

    /// <summary>Every figure change taken from <c>kpi_delta</c>: each is either added to built rows, or in the cases a recount counts.</summary>
    public IReadOnlyList<FigureDelta> Taken { get; }

    /// <summary>The taken changes added to built rows.</summary>
    public IReadOnlyList<FigureDelta> Apply => _apply;

    /// <summary>The recounted pairs, by year.</summary>
    public IReadOnlyList<YearRecount> Recount =>
        [.. _recount.OrderBy(r => r.Key).Select(r => new YearRecount(r.Key, [.. r.Value.Select(p => (p.Key, p.Value))]))];

    public bool NothingToDo => _recount.Count == 0 && _apply.Count == 0;

    /// <summary>The years whose rows change, in order.</summary>
    public int[] Years => [.. _recount.Keys.Concat(_apply.Select(d => d.Year)).Distinct().Order()];

    /// <summary>The provinces whose rows change, in order.</summary>
    public string[] Provinces => [.. _recount.Values.SelectMany(pairs => pairs.Keys).Concat(_apply.Select(d => d.Province))
        .Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The years the taken changes fall in, and the provinces of each.</summary>
    public IEnumerable<(int Year, string[] Provinces)> TakenYears =>
        Taken.GroupBy(d => d.Year).Select(g => (g.Key, g.Select(d => d.Province).Distinct().ToArray()));

    /// <summary>Every province of every year from the start of the year. The taken changes are in the cases it counts.</summary>
    public static RefreshPlan Full(IEnumerable<int> years, IReadOnlyCollection<string> provinces, IReadOnlyList<RefreshMark> marks,
        IReadOnlyList<FigureDelta> taken) =>
        new(rebuild: true, years.ToDictionary(y => y, _ => provinces.ToDictionary(p => p, _ => (DateOnly?)null)), marks, taken);

    /// <summary>The marked pairs, each from its marked day on.</summary>
    public static RefreshPlan Incremental(IReadOnlyList<RefreshMark> marks, IReadOnlyList<FigureDelta> taken) =>
        new(rebuild: false,
            marks.GroupBy(m => m.Year).ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Province, m => m.FromDay)), marks, taken);

    /// <summary>
    /// A new day in the running year needs its rows even where nothing changed: when the rows are
    /// built up to <paramref name="lastBuilt"/> only, every province is recounted from the day after
    /// (or from its earlier marked day).
    /// </summary>
    public void RecountNewDay(int year, DateOnly? lastBuilt, DateOnly today, IEnumerable<string> provinces)
    {
        if (lastBuilt is not { } day || day >= today)
        {
            return;
        }
        var pairs = PairsOf(year);
        foreach (var province in provinces)
        {
            pairs[province] = pairs.TryGetValue(province, out var from) ? Earlier(from, day.AddDays(1)) : day.AddDays(1);
        }
    }

    /// <summary>
    /// Which taken figure changes of <paramref name="year"/> can be added to built rows. A province
    /// recounted from its cases anyway (marked, or on a new day) has them in its cases: its recount
    /// starts no later than its earliest change instead. So does one whose rows are not built up to
    /// that change (<paramref name="lastBuilt"/>: its last built day), and one whose rows must
    /// switch between its statistical reports and its cases (<paramref name="switching"/>,
    /// recounted over the year). Changes on days after the last built one are in the cases the new
    /// day's recount will count.
    /// </summary>
    public void PlaceDeltas(int year, IReadOnlyDictionary<string, DateOnly> lastBuilt, IReadOnlySet<string> switching)
    {
        var pairs = _recount.TryGetValue(year, out var existing) ? existing : [];
        foreach (var province in Taken.Where(d => d.Year == year).GroupBy(d => d.Province))
        {
            var earliest = province.Min(d => d.Day);
            if (pairs.TryGetValue(province.Key, out var from))
            {
                pairs[province.Key] = Earlier(from, earliest);
            }
            else if (switching.Contains(province.Key))
            {
                pairs[province.Key] = null;
            }
            else if (!lastBuilt.TryGetValue(province.Key, out var last) || last < earliest)
            {
                pairs[province.Key] = earliest;
            }
            else
            {
                _apply.AddRange(province.Where(d => d.Day <= last));
            }
        }
        if (pairs.Count > 0)
        {
            _recount[year] = pairs;
        }
    }

    /// <summary>The earlier of two "from" days, where null (the whole year) is earliest.</summary>
    public static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is null || b is null ? null : a < b ? a : b;

    /// <summary>
    /// The recounts of one year's pairs, one per first day, earliest first. A recount never starts
    /// after the day following a province's last built day (<paramref name="lastBuilt"/>: its
    /// base row must exist), nor before the year's <paramref name="start"/>; one that would start
    /// after <paramref name="last"/> has nothing to do.
    /// </summary>
    public static IReadOnlyList<RecountBatch> Batches(YearRecount recount, IReadOnlyDictionary<string, DateOnly> lastBuilt, DateOnly start, DateOnly last) =>
        [.. recount.Pairs
            .Select(p => (p.Province, From: Effective(p.From, lastBuilt.TryGetValue(p.Province, out var b) ? b : null, start)))
            .Where(p => p.From <= last)
            .GroupBy(p => p.From)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var provinces = g.Select(p => p.Province).Order(StringComparer.Ordinal).ToArray();
                var offices = ReferenceData.Provinces.Where(p => provinces.Contains(p.Code))
                    .SelectMany(p => Enumerable.Range(1, p.RegionalOffices).Select(n => ReferenceData.OfficeCode(p.Code, n))).ToArray();
                return new RecountBatch(g.Key, provinces, offices);
            })];

    /// <summary>
    /// What <paramref name="deltas"/> add to the built rows of the unit <paramref name="unit"/> picks:
    /// each change to its category's rows from its day through <paramref name="last"/> (the rows
    /// are cumulative), one increment per row. Changes that cancel out add nothing.
    /// </summary>
    public static IReadOnlyList<DailyIncrement> Increments(IEnumerable<FigureDelta> deltas, Func<FigureDelta, string> unit, DateOnly last)
    {
        var rows = new Dictionary<(string Unit, short Category, DateOnly Day), Indicators>();
        foreach (var group in deltas.GroupBy(d => (Unit: unit(d), d.Category, d.Day)))
        {
            var change = group.Aggregate(Indicators.Zero, (sum, d) => sum.Plus(d.Change));
            if (change == Indicators.Zero)
            {
                continue;
            }
            for (var day = group.Key.Day; day <= last; day = day.AddDays(1))
            {
                var key = (group.Key.Unit, group.Key.Category, day);
                rows[key] = rows.TryGetValue(key, out var known) ? known.Plus(change) : change;
            }
        }
        return [.. rows.Select(r => new DailyIncrement(r.Key.Unit, r.Key.Category, r.Key.Day, r.Value))];
    }

    /// <summary>When each province's latest taken change arrived.</summary>
    public IReadOnlyList<(string Province, DateTime At)> Arrivals =>
        [.. Taken.GroupBy(d => d.Province).Select(g => (g.Key, g.Max(d => d.ArrivedAt)))];

    private Dictionary<string, DateOnly?> PairsOf(int year) => _recount.TryGetValue(year, out var pairs) ? pairs : _recount[year] = [];

    private static DateOnly Effective(DateOnly? from, DateOnly? built, DateOnly start)
    {
        if (from is null || built is null)
        {
            return start;
        }
        var day = from.Value < built.Value.AddDays(1) ? from.Value : built.Value.AddDays(1);
        return day < start ? start : day;
    }
}

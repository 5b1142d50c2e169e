using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using Npgsql;

namespace MonitoringCenter.Web.Provinces;

public enum ProvinceOrder
{
    WorstFirst,
    Rank,
    Code,
}

/// <summary>
/// Provinces and their offices against targets and pace. Reads <c>kpi_daily</c>, <c>target</c> and
/// the data marks only; pace, ranks and trends are computed here from the daily series.
/// </summary>
public sealed class ProvinceQueries(NpgsqlDataSource dataSource, Clock clock, IOptions<PaceOptions> options, IOptions<ReportingOptions> reporting)
{
    private sealed record DayRow(string UnitCode, DateTime Day, long CasesToEnforce, long CasesWithConditions, long CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    private sealed record CategoryRow(short Category, long CasesToEnforce, long CasesWithConditions, long CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    private sealed record TargetRow(string? ProvinceCode, decimal CaseRate, decimal MoneyRate);

    private sealed record Unit(string Code, string Name);

    private sealed record TargetHistoryRow(short StatYear, string? ProvinceCode, decimal CaseRate, decimal MoneyRate, string Source, DateTime SetOn, DateTime SetAt);

    private sealed record MarkRow(string ProvinceCode, DateTime LastDataAt);

    /// <summary>Series of one unit, one entry per day from the start of the year (null where no row).</summary>
    private sealed class Series(int length)
    {
        public Indicators?[] Days { get; } = new Indicators?[length];

        public Indicators? At(int index) => index >= 0 && index < Days.Length ? Days[index] : null;
    }

    public async Task<ProvinceBoard> BoardAsync(int year, DateOnly asOf, ProvinceOrder order = ProvinceOrder.WorstFirst, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var statisticalYear = clock.Year(year);
        var requested = statisticalYear.Clamp(asOf);
        var units = (await connection.QueryAsync<Unit>(new CommandDefinition(
            "select code, name_vi as name from province order by code", cancellationToken: cancellationToken))).ToList();
        var targets = await TargetsAsync(connection, year, cancellationToken);
        var marks = (await connection.QueryAsync<MarkRow>(new CommandDefinition(
            "select province_code, last_data_at from province_data_mark", cancellationToken: cancellationToken)))
            .ToDictionary(m => m.ProvinceCode, m => clock.Local(Utc(m.LastDataAt)));
        var built = await BuildAsync(connection, statisticalYear, requested, UnitKind.Province, units, code => targets.GetValueOrDefault(code), marks, cancellationToken);
        var sources = await FigureSources.LoadAsync(connection, statisticalYear, null, requested, clock.Today, reporting.Value.DeadlineDays, cancellationToken);
        var provinces = built.Units.Select(u => u with { Source = sources.GetValueOrDefault(u.Code) }).ToList();
        var refreshedAt = await RefreshedAtAsync(connection, cancellationToken);
        return new ProvinceBoard(year, requested, built.Day, built.ComparedWith, Sort(provinces, order), refreshedAt);
    }

    public async Task<ProvinceDetail?> DetailAsync(string code, int year, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var board = await BoardAsync(year, asOf, ProvinceOrder.Code, cancellationToken);
        var province = board.Provinces.FirstOrDefault(p => p.Code == code);
        if (province is null)
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var statisticalYear = clock.Year(year);
        var targets = await TargetsAsync(connection, year, cancellationToken);
        var target = targets.GetValueOrDefault(code);
        var offices = (await connection.QueryAsync<Unit>(new CommandDefinition("""
            select code, 'Khu vực ' || split_part(code, '-', 2)::int as name from office where province_code = @code order by code
            """, new { code }, cancellationToken: cancellationToken))).ToList();
        // Offices have no targets of their own: the province's target applies to each of them.
        var built = await BuildAsync(connection, statisticalYear, board.RequestedAsOf, UnitKind.Office, offices, _ => target, new Dictionary<string, DateTimeOffset>(), cancellationToken);
        var day = board.AsOf ?? board.RequestedAsOf;
        var categories = await CategoriesAsync(connection, year, code, day, cancellationToken);
        var lastYearCategories = await CategoriesAsync(connection, year - 1, code, StatisticalYear.SameDateLastYear(day), cancellationToken);

        var current = await SeriesAsync(connection, statisticalYear, UnitKind.Province, [code], statisticalYear.End, cancellationToken);
        var previous = await SeriesAsync(connection, statisticalYear.Previous, UnitKind.Province, [code], statisticalYear.Previous.End, cancellationToken);
        var series = current.GetValueOrDefault(code);
        var lastSeries = previous.GetValueOrDefault(code);
        var caseTrend = Trend(statisticalYear, board.AsOf, series, lastSeries, target?.CaseRate, i => i.CaseRate, options.Value.Model);
        var moneyTrend = Trend(statisticalYear, board.AsOf, series, lastSeries, target?.MoneyRate, i => i.MoneyRate, options.Value.Model);
        var history = await TargetHistoryAsync(connection, year, code, cancellationToken);
        return new ProvinceDetail(year, board.RequestedAsOf, board.AsOf, province, Sort(built.Units, ProvinceOrder.WorstFirst),
            categories, lastYearCategories, caseTrend, moneyTrend, history, board.RefreshedAt);
    }

    /// <summary>Every version of the targets of a year, newest first: the province's and the national ones.</summary>
    public async Task<IReadOnlyList<TargetVersion>> TargetHistoryAsync(int year, string? provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await TargetHistoryAsync(connection, year, provinceCode, cancellationToken);
    }

    private static async Task<IReadOnlyList<TargetVersion>> TargetHistoryAsync(NpgsqlConnection connection, int year, string? provinceCode, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<TargetHistoryRow>(new CommandDefinition("""
            select stat_year, province_code, case_rate, money_rate, source, set_on::timestamp as set_on, set_at
            from target
            where stat_year = @year and (province_code is null or province_code = @provinceCode)
            order by set_at desc, id desc
            """, new { year = (short)year, provinceCode }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new TargetVersion(r.StatYear, r.ProvinceCode, r.CaseRate, r.MoneyRate, r.Source,
            DateOnly.FromDateTime(r.SetOn), Utc(r.SetAt)))];
    }

    private sealed record Built(DateOnly? Day, DateOnly? ComparedWith, List<UnitProgress> Units);

    private async Task<Built> BuildAsync(NpgsqlConnection connection, StatisticalYear year, DateOnly requested, UnitKind unitKind,
        IReadOnlyList<Unit> units, Func<string, TargetRow?> target, IReadOnlyDictionary<string, DateTimeOffset> marks, CancellationToken cancellationToken)
    {
        var pace = options.Value;
        var codes = units.Select(u => u.Code).ToArray();
        var current = await SeriesAsync(connection, year, unitKind, codes, requested, cancellationToken);
        var previous = await SeriesAsync(connection, year.Previous, unitKind, codes, year.Previous.End, cancellationToken);
        // The day shown is the latest day any unit has rows for (a running year ends yesterday or today).
        var lastIndex = current.Values.Select(s => Array.FindLastIndex(s.Days, d => d is not null)).DefaultIfEmpty(-1).Max();
        if (lastIndex < 0)
        {
            var empty = units.Select(u => Empty(u, year, requested, target(u.Code), Mark(marks, u.Code))).ToList();
            return new Built(null, null, empty);
        }
        var day = year.Start.AddDays(lastIndex);
        var monthEarlier = day.AddMonths(-1);
        var compareIndex = monthEarlier >= year.Start ? monthEarlier.DayNumber - year.Start.DayNumber : (int?)null;
        var lastYearIndex = StatisticalYear.SameDateLastYear(day).DayNumber - year.Previous.Start.DayNumber;
        // "No data since" only means something on a live view of the running year.
        var live = year == clock.CurrentYear && requested >= clock.Today.AddDays(-1);
        var now = clock.Now;

        var rows = new List<UnitProgress>();
        foreach (var unit in units)
        {
            var series = current.GetValueOrDefault(unit.Code);
            var lastSeries = previous.GetValueOrDefault(unit.Code);
            var indicators = series?.At(lastIndex) ?? Indicators.Zero;
            var unitTarget = target(unit.Code);
            var caseCurve = Aligned(year, lastSeries, i => i.CaseRate);
            var moneyCurve = Aligned(year, lastSeries, i => i.MoneyRate);
            var cases = Pace.Evaluate(year, day, indicators.CasesCompleted, indicators.CasesWithConditions, unitTarget?.CaseRate, caseCurve, pace.Model);
            var money = Pace.Evaluate(year, day, indicators.MoneyCollected, indicators.MoneyWithConditions, unitTarget?.MoneyRate, moneyCurve, pace.Model);
            var trajectory = Pace.Trajectory(year, day, unitTarget?.CaseRate, caseCurve, pace.Model);
            var weeks = WeeklyIndices(lastIndex);
            var lastDataAt = LastData(year, series, lastIndex, Mark(marks, unit.Code), now);
            rows.Add(new UnitProgress(unit.Code, unit.Name, indicators, lastSeries?.At(lastYearIndex), cases, money,
                Pace.Status(cases, money, pace.TolerancePoints, pace.LaggingPoints), 0, null,
                [.. weeks.Select(i => series?.At(i)?.CaseRate)], [.. weeks.Select(i => trajectory[i])],
                lastDataAt, live && lastDataAt is { } at ? now - at > pace.NoDataAfter : live && lastDataAt is null));
        }
        var ranks = Ranks(rows.Select(r => (r.Code, r.Current.CaseRate, r.Current.MoneyRate)));
        var previousRanks = compareIndex is { } ci
            ? Ranks(units.Select(u => current.GetValueOrDefault(u.Code)?.At(ci)).Zip(units, (i, u) => (u.Code, i?.CaseRate, i?.MoneyRate)))
            : [];
        rows = [.. rows.Select(r => r with { Rank = ranks[r.Code], PreviousRank = previousRanks.TryGetValue(r.Code, out var p) ? p : null })];
        return new Built(day, compareIndex is null ? null : monthEarlier, rows);
    }

    private UnitProgress Empty(Unit unit, StatisticalYear year, DateOnly day, TargetRow? target, DateTimeOffset? mark)
    {
        var remaining = year.End.DayNumber - day.DayNumber;
        var model = options.Value.Model;
        return new UnitProgress(unit.Code, unit.Name, Indicators.Zero, null,
            PaceResult.None(remaining, model) with { Target = target?.CaseRate }, PaceResult.None(remaining, model) with { Target = target?.MoneyRate },
            PaceStatus.NoData, 0, null, [], [], mark, false);
    }

    /// <summary>Best case rate first (money rate breaks ties); units without a rate come last.</summary>
    private static Dictionary<string, int> Ranks(IEnumerable<(string Code, decimal? CaseRate, decimal? MoneyRate)> units) =>
        units.OrderByDescending(u => u.CaseRate.HasValue).ThenByDescending(u => u.CaseRate).ThenByDescending(u => u.MoneyRate).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select((u, i) => (u.Code, Rank: i + 1)).ToDictionary(u => u.Code, u => u.Rank);

    private static List<UnitProgress> Sort(IEnumerable<UnitProgress> units, ProvinceOrder order) => order switch
    {
        ProvinceOrder.Rank => [.. units.OrderBy(u => u.Rank)],
        ProvinceOrder.Code => [.. units.OrderBy(u => u.Code, StringComparer.Ordinal)],
        _ => [.. units.OrderByDescending(u => u.NoRecentData)
            .ThenByDescending(u => u.Status switch { PaceStatus.Lagging => 3, PaceStatus.Behind => 2, PaceStatus.OnPace => 1, _ => 0 })
            .ThenByDescending(u => new[] { u.Cases.PointsBehind, u.Money.PointsBehind }.Max() ?? decimal.MinValue)
            .ThenBy(u => u.Rank)],
    };

    /// <summary>Weekly points from the first week of the year, ending on the day shown.</summary>
    private static List<int> WeeklyIndices(int lastIndex)
    {
        var indices = new List<int>();
        for (var i = lastIndex % 7; i <= lastIndex; i += 7)
        {
            indices.Add(i);
        }
        return indices;
    }

    /// <summary>
    /// When the province last sent data: its latest data mark, or the end of the latest day its
    /// figures changed, whichever is later (never later than now).
    /// </summary>
    // A province without a mark never sent anything: no time at all, not 01/01/0001.
    private static DateTimeOffset? Mark(IReadOnlyDictionary<string, DateTimeOffset> marks, string code) =>
        marks.TryGetValue(code, out var at) ? at : null;

    private static DateTimeOffset? LastData(StatisticalYear year, Series? series, int lastIndex, DateTimeOffset? mark, DateTimeOffset now)
    {
        DateTimeOffset? changed = null;
        if (series is not null)
        {
            for (var i = Math.Min(lastIndex, series.Days.Length - 1); i > 0; i--)
            {
                if (series.Days[i] is { } d && series.Days[i - 1] is { } before && d != before)
                {
                    var dayEnd = year.Start.AddDays(i + 1).ToDateTime(TimeOnly.MinValue);
                    changed = new DateTimeOffset(dayEnd, now.Offset);
                    break;
                }
            }
        }
        var latest = new[] { changed, mark }.Max();
        return latest is { } l && l > now ? now : latest;
    }

    private static List<TrendPoint> Trend(StatisticalYear year, DateOnly? asOf, Series? series, Series? lastSeries, decimal? target, Func<Indicators, decimal?> rate, PaceModel model)
    {
        var lastCurve = Aligned(year, lastSeries, rate);
        var trajectory = Pace.Trajectory(year, year.End, target, lastCurve, model);
        var last = asOf is { } a ? a.DayNumber - year.Start.DayNumber : -1;
        return [.. Enumerable.Range(0, year.Days).Select(i => new TrendPoint(year.Start.AddDays(i),
            i <= last && series?.At(i) is { } d ? rate(d) : null,
            trajectory[i],
            lastSeries?.At(StatisticalYear.SameDateLastYear(year.Start.AddDays(i)).DayNumber - year.Previous.Start.DayNumber) is { } l ? rate(l) : null))];
    }

    /// <summary>
    /// Last year's rate on the same calendar date as each day of this year, so a leap year on
    /// either side does not shift the curve by a day (30 September always maps to 30 September).
    /// </summary>
    private static List<decimal?>? Aligned(StatisticalYear year, Series? lastSeries, Func<Indicators, decimal?> rate) =>
        lastSeries is null ? null : [.. Enumerable.Range(0, year.Days).Select(i =>
            lastSeries.At(StatisticalYear.SameDateLastYear(year.Start.AddDays(i)).DayNumber - year.Previous.Start.DayNumber) is { } d ? rate(d) : null)];

    private static async Task<Dictionary<string, Series>> SeriesAsync(NpgsqlConnection connection, StatisticalYear year, UnitKind unitKind,
        string[] codes, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<DayRow>(new CommandDefinition($"""
            select unit_code, day::timestamp as day, {IndicatorColumns.Each(c => $"sum({c})::bigint as {c}")}
            from kpi_daily
            where stat_year = @year and unit_kind = @unitKind and unit_code = any(@codes) and day <= @to
            group by unit_code, day
            """, new { year = (short)year.Year, unitKind = (short)unitKind, codes, to }, cancellationToken: cancellationToken));
        var result = new Dictionary<string, Series>();
        foreach (var row in rows)
        {
            if (!result.TryGetValue(row.UnitCode, out var series))
            {
                result[row.UnitCode] = series = new Series(year.Days);
            }
            var index = DateOnly.FromDateTime(row.Day).DayNumber - year.Start.DayNumber;
            if (index >= 0 && index < series.Days.Length)
            {
                series.Days[index] = new Indicators(row.CasesToEnforce, row.CasesWithConditions, row.CasesCompleted,
                    row.MoneyToEnforce, row.MoneyWithConditions, row.MoneyCollected);
            }
        }
        return result;
    }

    private static async Task<Dictionary<Category, Indicators>> CategoriesAsync(NpgsqlConnection connection, int year, string code, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<CategoryRow>(new CommandDefinition($"""
            select category, {IndicatorColumns.Each(c => $"{c}::bigint as {c}")}
            from kpi_daily
            where stat_year = @year and unit_kind = {UnitKindSql.Province} and unit_code = @code
              and day = (select max(day) from kpi_daily where stat_year = @year and unit_kind = {UnitKindSql.Province} and unit_code = @code and day <= @day)
            """, new { year = (short)year, code, day }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (Category)r.Category, r => new Indicators(r.CasesToEnforce, r.CasesWithConditions, r.CasesCompleted,
            r.MoneyToEnforce, r.MoneyWithConditions, r.MoneyCollected));
    }

    /// <summary>The latest target of each province (key: code) and of the nation (key: "").</summary>
    private static async Task<Dictionary<string, TargetRow>> TargetsAsync(NpgsqlConnection connection, int year, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<TargetRow>(new CommandDefinition("""
            select distinct on (province_code) province_code, case_rate, money_rate
            from target where stat_year = @year
            order by province_code, set_at desc, id desc
            """, new { year = (short)year }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ProvinceCode ?? "", r => r);
    }

    private async Task<DateTimeOffset?> RefreshedAtAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var at = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("select max(finished_at) from refresh_run", cancellationToken: cancellationToken));
        return at is { } value ? clock.Local(Utc(value)) : null;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

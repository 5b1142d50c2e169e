namespace MonitoringCenter.Web.Model;

public enum PaceModel
{
    LastYearCurve,
    Linear,
}

public enum PaceStatus
{
    NoData,
    OnPace,
    Behind,
    Lagging,
}

/// <summary>
/// One rate (cases or money) of one unit against its pace on one day. Rates are shares (0.8427),
/// "points" are differences of shares (0.012 = 1,2 điểm %), amounts are cases or whole đồng.
/// </summary>
public sealed record PaceResult(
    decimal? Rate,
    decimal? Target,
    decimal? Expected,
    int? DaysBehind,
    decimal? Forecast,
    long GapToPace,
    long NeededForTarget,
    decimal? NeededPerDay,
    int RemainingDays,
    PaceModel Model)
{
    public static PaceResult None(int remainingDays, PaceModel model) => new(null, null, null, null, null, 0, 0, null, remainingDays, model);

    /// <summary>How far the rate is behind the expected rate; negative when ahead.</summary>
    public decimal? PointsBehind => Rate is { } r && Expected is { } e ? e - r : null;
}

/// <summary>
/// Pace arithmetic, pure. The expected rate on day i of the year is target × f(i), where f is the
/// share of the final rate reached by day i: under <see cref="PaceModel.LastYearCurve"/> the unit's
/// own previous-year rate on the same day of the year divided by its final rate, under
/// <see cref="PaceModel.Linear"/> the elapsed share of the year. The forecast at year end at the
/// current pace is rate / f(i).
/// </summary>
public static class Pace
{
    /// <param name="lastYearRates">The previous year's cumulative rate per day of that year (index 0 = its first day); null or empty when unknown.</param>
    public static PaceResult Evaluate(StatisticalYear year, DateOnly asOf, long done, long whole, decimal? target,
        IReadOnlyList<decimal?>? lastYearRates, PaceModel model)
    {
        var day = year.Clamp(asOf);
        var index = day.DayNumber - year.Start.DayNumber;
        var remaining = year.End.DayNumber - day.DayNumber;
        var share = ShareFunction(year, lastYearRates, model, out var used);
        var rate = Rate.Of(done, whole);
        if (rate is not { } r)
        {
            return PaceResult.None(remaining, used) with { Target = target };
        }
        var fraction = share(index);
        decimal? forecast = fraction > 0 ? Math.Min(1m, r / fraction) : null;
        if (target is not { } t)
        {
            return new PaceResult(r, null, null, null, forecast, 0, 0, null, remaining, used);
        }
        var expected = t * fraction;
        var daysBehind = 0;
        if (r < expected)
        {
            // The last day on which the expected rate was still at or below where the unit is now.
            var j = index;
            while (j >= 0 && t * share(j) > r)
            {
                j--;
            }
            daysBehind = index - j;
        }
        var gapToPace = Math.Max(0, (long)Math.Ceiling(expected * whole - done));
        var needed = Math.Max(0, (long)Math.Ceiling(t * whole - done));
        decimal? perDay = remaining > 0 ? (decimal)needed / remaining : null;
        return new PaceResult(r, t, expected, daysBehind, forecast, gapToPace, needed, perDay, remaining, used);
    }

    /// <summary>The expected rate on every day from the start of the year to <paramref name="to"/> (for trajectories).</summary>
    public static IReadOnlyList<decimal?> Trajectory(StatisticalYear year, DateOnly to, decimal? target, IReadOnlyList<decimal?>? lastYearRates, PaceModel model)
    {
        var share = ShareFunction(year, lastYearRates, model, out _);
        var last = year.Clamp(to).DayNumber - year.Start.DayNumber;
        return [.. Enumerable.Range(0, last + 1).Select(i => target is { } t ? t * share(i) : (decimal?)null)];
    }

    public static PaceStatus Status(PaceResult cases, PaceResult money, decimal tolerancePoints, decimal laggingPoints)
    {
        if (cases.Rate is null && money.Rate is null)
        {
            return PaceStatus.NoData;
        }
        var worst = new[] { cases.PointsBehind, money.PointsBehind }.Max() ?? 0;
        return worst * 100 >= laggingPoints ? PaceStatus.Lagging
            : worst * 100 > tolerancePoints ? PaceStatus.Behind
            : PaceStatus.OnPace;
    }

    private static Func<int, decimal> ShareFunction(StatisticalYear year, IReadOnlyList<decimal?>? lastYearRates, PaceModel model, out PaceModel used)
    {
        if (model == PaceModel.LastYearCurve && lastYearRates is { Count: > 0 } curve && curve[^1] is > 0 and var final)
        {
            used = PaceModel.LastYearCurve;
            // A curve shorter than the year (leap years) holds its last value.
            return i => Math.Clamp((curve[Math.Min(i, curve.Count - 1)] ?? 0) / final, 0, 1);
        }
        used = PaceModel.Linear;
        var days = year.Days;
        return i => Math.Clamp((decimal)(i + 1) / days, 0, 1);
    }
}

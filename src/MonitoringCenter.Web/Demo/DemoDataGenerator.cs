using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Demo;

public readonly record struct CaseRow(
    long Id,
    short Year,
    string ProvinceCode,
    string OfficeCode,
    Category Category,
    CaseOrigin Origin,
    DateOnly AcceptedOn,
    Condition? Condition,
    DateOnly? ClassifiedOn,
    CaseStatus Status,
    DateOnly? CompletedOn,
    long AmountToEnforce,
    long AmountWithConditions,
    long AmountCollected,
    bool SteeringCommittee = false,
    DateOnly? OpenedOn = null,
    DateOnly? StatusSince = null);

public readonly record struct CollectionRow(long CaseId, short Year, DateOnly CollectedOn, long Amount);

public sealed record GeneratedYear(int Year, List<CaseRow> Cases, List<CollectionRow> Collections);

/// <summary>
/// Builds one statistical year of case-grain demo data from a <see cref="YearPlan"/>.
/// National year-end totals are split exactly over provinces, offices and cases
/// (<see cref="Apportion"/>), unevenly: Ho Chi Minh City takes about 17% of cases and 40% of
/// money, provinces' rates scatter around the target, and money per case follows a heavy tail.
/// Completions follow a slow start and a push before the year ends. Everything dated after
/// <c>today</c> is cut off, so the current year holds only what has happened so far.
/// Deterministic: the same plan, seed and day give the same rows.
/// </summary>
public sealed class DemoDataGenerator(int seed = 20251)
{
    private const double CarriedOverShare = 0.40;
    private const string HoChiMinhCity = "79";
    private const string HaNoi = "01";

    public GeneratedYear Generate(YearPlan plan, DateOnly today, int yearStartMonth = 10)
    {
        var year = new StatisticalYear(plan.Year, yearStartMonth);
        var random = new Random(seed * 31 + plan.Year);
        // The watch lists' details (age, delay, steering flag) draw from their own sequence, so the
        // figures drawn from the first one, and the published totals, stay as they were.
        var details = new Random(seed * 37 + plan.Year);
        var provinces = ReferenceData.Provinces;
        var curve = new CompletionCurve(year.Days);
        var cases = new List<CaseRow>(1_100_000);
        var collections = new List<CollectionRow>(700_000);
        var nextId = (long)(plan.Year - 2000) * 10_000_000;

        // Province-level character, fixed for the year: size for cases, size for money, how well it does.
        var caseWeights = provinces.Select(p => p.Population * (p.Code == HoChiMinhCity ? 1.43 : 1) * LogNormal(random, 0.15)).ToArray();
        var moneyWeights = provinces.Select(p => p.Population * (p.Code == HoChiMinhCity ? 5.0 : p.Code == HaNoi ? 1.5 : 1) * LogNormal(random, 0.30)).ToArray();
        var casePerformance = provinces.Select(_ => LogNormal(random, 0.035)).ToArray();
        var moneyPerformance = provinces.Select(_ => LogNormal(random, 0.12)).ToArray();
        var officeWeights = provinces.Select(p => Enumerable.Range(0, p.RegionalOffices).Select(i => (i == 0 ? 1.5 : 1) * LogNormal(random, 0.35)).ToArray()).ToArray();

        foreach (var category in plan.Categories)
        {
            var n = Apportion.Split(category.ToEnforce, caseWeights);
            var w = Apportion.Split(category.WithConditions, Scaled(n, _ => LogNormal(random, 0.05)), n);
            var c = Apportion.Split(category.Completed, Scaled(w, i => casePerformance[i]), w);
            var mt = Apportion.Split(category.MoneyToEnforce, moneyWeights.Select((m, i) => n[i] == 0 ? 0 : m).ToArray());
            var mw = Apportion.Split(category.MoneyWithConditions, Scaled(mt, i => w[i] == 0 ? 0 : LogNormal(random, 0.1)), mt);
            var mc = Apportion.Split(category.Collected, Scaled(mw, i => moneyPerformance[i]), mw);

            for (var p = 0; p < provinces.Count; p++)
            {
                var offices = officeWeights[p];
                var on = Apportion.Split(n[p], offices);
                var ow = Apportion.Split(w[p], Scaled(on, _ => LogNormal(random, 0.05)), on);
                var oc = Apportion.Split(c[p], Scaled(ow, _ => LogNormal(random, 0.03)), ow);
                var omt = Apportion.Split(mt[p], Scaled(on, _ => LogNormal(random, 0.3)));
                var omw = Apportion.Split(mw[p], Scaled(ow, _ => LogNormal(random, 0.3)), omt);
                var omc = Apportion.Split(mc[p], Scaled(omw, _ => LogNormal(random, 0.1)), omw);
                for (var o = 0; o < offices.Length; o++)
                {
                    var office = new OfficeTotals(provinces[p].Code, ReferenceData.OfficeCode(provinces[p].Code, o + 1),
                        (int)on[o], (int)ow[o], (int)oc[o], omt[o], omw[o], omc[o]);
                    GenerateOffice(random, details, year, curve, category.Category, office, today, ref nextId, cases, collections);
                }
            }
        }
        return new GeneratedYear(plan.Year, cases, collections);
    }

    private readonly record struct OfficeTotals(string Province, string Office, int ToEnforce, int WithConditions, int Completed,
        long MoneyToEnforce, long MoneyWithConditions, long Collected);

    private static void GenerateOffice(Random random, Random details, StatisticalYear year, CompletionCurve curve, Category category,
        OfficeTotals office, DateOnly today, ref long nextId, List<CaseRow> cases, List<CollectionRow> collections)
    {
        var count = office.ToEnforce;
        if (count == 0)
        {
            return;
        }
        var w = office.WithConditions;
        var tail = category is Category.CorruptionEconomic or Category.CreditBanking ? 1.15 : 1.7;

        // Money with conditions over the cases with conditions, heavy-tailed.
        var sizes = new double[count];
        for (var i = 0; i < count; i++)
        {
            sizes[i] = Pareto(random, tail);
        }
        var withConditions = Apportion.Split(office.MoneyWithConditions, sizes.AsSpan(0, w));
        // The rest of the money to enforce: over cases without conditions, or over all if there are none.
        var extraWeights = new double[count];
        for (var i = 0; i < count; i++)
        {
            extraWeights[i] = w < count ? (i >= w ? sizes[i] : 0) : sizes[i];
        }
        var extra = Apportion.Split(office.MoneyToEnforce - office.MoneyWithConditions, extraWeights);
        // Collections: completed cases mostly in full, the rest in part; capped at the amount with conditions.
        var collectWeights = new double[w];
        for (var i = 0; i < w; i++)
        {
            var share = i < office.Completed ? (random.NextDouble() < 0.85 ? 1.0 : 0.2) : random.NextDouble() * 0.6;
            collectWeights[i] = withConditions[i] * share;
        }
        var collected = Apportion.Split(office.Collected, collectWeights, withConditions);

        var last = year.Days - 1;
        for (var i = 0; i < count; i++)
        {
            var id = ++nextId;
            var carried = random.NextDouble() < CarriedOverShare;
            var acceptedDay = carried ? 0 : random.Next(0, year.Days);
            var hasConditions = i < w;
            var classifiedDay = carried ? 0 : Math.Min(last, acceptedDay + (int)(-Math.Log(1 - random.NextDouble()) * 12));
            int? completedDay = null;
            var status = CaseStatus.InProgress;
            if (hasConditions && i < office.Completed)
            {
                completedDay = curve.SampleFrom(random, classifiedDay);
                status = random.NextDouble() < 0.85 ? CaseStatus.Completed : CaseStatus.Terminated;
            }
            else if (hasConditions)
            {
                var roll = random.NextDouble();
                status = roll < 0.08 ? CaseStatus.Postponed : roll < 0.12 ? CaseStatus.Suspended : CaseStatus.InProgress;
            }

            var accepted = year.Start.AddDays(acceptedDay);
            if (accepted > today)
            {
                continue;
            }
            var classified = year.Start.AddDays(classifiedDay);
            var isClassified = classified <= today;
            var completed = completedDay is { } cd && isClassified ? year.Start.AddDays(cd) : (DateOnly?)null;
            if (completed > today)
            {
                completed = null;
            }
            if (completed is null && status is CaseStatus.Completed or CaseStatus.Terminated)
            {
                status = CaseStatus.InProgress;
            }
            if (!isClassified)
            {
                status = CaseStatus.InProgress;
            }

            var amountWithConditions = hasConditions && isClassified ? withConditions[i] : 0;
            var amountCollected = 0L;
            if (hasConditions && isClassified && collected[i] > 0)
            {
                amountCollected = AddCollections(random, curve, year, id, classifiedDay, completedDay, collected[i], today, collections);
            }
            var amountToEnforce = (hasConditions ? withConditions[i] : 0) + extra[i];
            var (openedOn, statusSince, steering) = Details(details, year, category, carried, accepted, classified, status, amountToEnforce, today);
            cases.Add(new CaseRow(id, (short)year.Year, office.Province, office.Office, category,
                carried ? CaseOrigin.CarriedOver : CaseOrigin.NewlyAccepted, accepted,
                isClassified ? (hasConditions ? Condition.WithConditions : Condition.WithoutConditions) : null,
                isClassified ? classified : null, status, completed,
                amountToEnforce, amountWithConditions, amountCollected, steering, openedOn, statusSince));
        }
    }

    /// <summary>
    /// What the watch lists read and no published figure counts: when a carried-over case was first
    /// accepted (a long tail of years, longer for big cases), since when a postponed or suspended
    /// case waits, and whether the Steering Committee follows a corruption case (mostly the big ones).
    /// </summary>
    private static (DateOnly OpenedOn, DateOnly? StatusSince, bool Steering) Details(Random details, StatisticalYear year, Category category,
        bool carried, DateOnly accepted, DateOnly classified, CaseStatus status, long amount, DateOnly today)
    {
        const long Big = 10_000_000_000;
        var openedOn = accepted;
        if (carried)
        {
            var meanDays = amount >= Big ? 1_100 : 450;
            openedOn = accepted.AddDays(-Math.Min(4_000, 10 + (int)(-Math.Log(1 - details.NextDouble()) * meanDays)));
        }
        DateOnly? statusSince = null;
        if (status is CaseStatus.Postponed or CaseStatus.Suspended)
        {
            var from = carried ? openedOn : classified;
            var to = today < year.End ? today : year.End;
            var span = Math.Max(0, to.DayNumber - from.DayNumber);
            statusSince = from.AddDays((int)(span * Math.Sqrt(details.NextDouble())));
        }
        var steering = category == Category.CorruptionEconomic && details.NextDouble() < (amount >= Big ? 0.35 : 0.01);
        return (openedOn, statusSince, steering);
    }

    /// <summary>One to three payments; a completed case's last one on its completion day.</summary>
    private static long AddCollections(Random random, CompletionCurve curve, StatisticalYear year, long caseId,
        int classifiedDay, int? completedDay, long amount, DateOnly today, List<CollectionRow> collections)
    {
        var payments = (int)Math.Min(amount, 1 + (random.NextDouble() < 0.3 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0));
        var lastDay = completedDay ?? curve.SampleFrom(random, classifiedDay);
        var parts = Apportion.Split(amount, Enumerable.Range(0, payments).Select(_ => 0.2 + random.NextDouble()).ToArray());
        long kept = 0;
        for (var k = 0; k < payments; k++)
        {
            var day = k == payments - 1 ? lastDay : classifiedDay + random.Next(0, Math.Max(1, lastDay - classifiedDay + 1));
            var on = year.Start.AddDays(day);
            if (on > today || parts[k] == 0)
            {
                continue;
            }
            collections.Add(new CollectionRow(caseId, (short)year.Year, on, parts[k]));
            kept += parts[k];
        }
        return kept;
    }

    private static double[] Scaled(long[] basis, Func<int, double> factor)
    {
        var weights = new double[basis.Length];
        for (var i = 0; i < basis.Length; i++)
        {
            weights[i] = basis[i] * factor(i);
        }
        return weights;
    }

    private static double LogNormal(Random random, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(sigma * normal);
    }

    private static double Pareto(Random random, double alpha) =>
        Math.Min(5_000, Math.Pow(1.0 - random.NextDouble(), -1.0 / alpha));

    /// <summary>
    /// When in the year cases get completed: a slow start, a steady rise, and the push in the
    /// last weeks before the year closes.
    /// </summary>
    private sealed class CompletionCurve
    {
        private readonly double[] _cumulative;

        public CompletionCurve(int days)
        {
            _cumulative = new double[days];
            double total = 0;
            for (var d = 0; d < days; d++)
            {
                var x = (d + 0.5) / days;
                total += 0.6 + 1.2 * x * x + (x > 0.92 ? 1.0 : 0);
                _cumulative[d] = total;
            }
            for (var d = 0; d < days; d++)
            {
                _cumulative[d] /= total;
            }
        }

        /// <summary>A day drawn from the curve, not before <paramref name="earliest"/>.</summary>
        public int SampleFrom(Random random, int earliest)
        {
            var floor = earliest == 0 ? 0 : _cumulative[earliest - 1];
            var u = floor + random.NextDouble() * (1 - floor);
            var day = Array.BinarySearch(_cumulative, u);
            day = day < 0 ? ~day : day;
            return Math.Clamp(day, earliest, _cumulative.Length - 1);
        }
    }
}

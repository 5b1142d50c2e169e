using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.ReadModels;

/// <summary>What a refresh decides to redo, without a database.</summary>
[Trait("Category", "Unit")]
public sealed class RefreshPlanTests
{
    private static readonly DateOnly Today = new(2026, 1, 10);

    private static readonly IReadOnlyDictionary<string, DateOnly> NothingBuilt = new Dictionary<string, DateOnly>();

    private static readonly IReadOnlySet<string> NoneSwitching = new HashSet<string>();

    private static RefreshMark Mark(string province, DateOnly? from, int year = 2026) => new(year, province, 1, from);

    private static FigureDelta Delta(string office, DateOnly day, long cases = 1, long money = 1_000, int year = 2026) =>
        new(year, office[..2], office, 4, day, cases, 0, 0, money, 0, 0, new DateTime(2026, 1, 10, 2, 0, 0, DateTimeKind.Utc));

    private static Dictionary<string, DateOnly?> PairsOf(RefreshPlan plan, int year) =>
        plan.Recount.Single(r => r.Year == year).Pairs.ToDictionary(p => p.Province, p => p.From);

    [Fact]
    public void Full_RecountsEveryProvinceOfEveryYear_FromTheStart_AndAddsNoChange()
    {
        var plan = RefreshPlan.Full([2025, 2026], ["01", "79"], [Mark("01", null)], [Delta("01-01", Today)]);

        Assert.True(plan.Rebuild);
        Assert.Equal("full", plan.Kind);
        Assert.Equal([2025, 2026], plan.Years);
        Assert.Equal(["01", "79"], plan.Provinces);
        Assert.All(plan.Recount.SelectMany(r => r.Pairs), p => Assert.Null(p.From));
        Assert.Empty(plan.Apply);
    }

    [Fact]
    public void Incremental_WithNoMarksNoChangesAndTodayBuilt_HasNothingToDo()
    {
        var plan = RefreshPlan.Incremental([], []);
        plan.RecountNewDay(2026, Today, Today, ["01", "79"]);

        Assert.True(plan.NothingToDo);
        Assert.Empty(plan.Years);
    }

    [Fact]
    public void Incremental_RecountsEachMarkedPair_FromItsMarkedDay()
    {
        var plan = RefreshPlan.Incremental([Mark("01", new DateOnly(2025, 12, 1)), Mark("79", null), Mark("01", new DateOnly(2025, 3, 1), 2025)], []);

        Assert.False(plan.Rebuild);
        Assert.Equal([2025, 2026], plan.Years);
        Assert.Equal(new Dictionary<string, DateOnly?> { ["01"] = new DateOnly(2025, 12, 1), ["79"] = null }, PairsOf(plan, 2026));
        Assert.Equal(new Dictionary<string, DateOnly?> { ["01"] = new DateOnly(2025, 3, 1) }, PairsOf(plan, 2025));
    }

    [Fact]
    public void NewDay_RecountsEveryProvinceFromTheDayAfterTheLastBuilt_KeepingAnEarlierMarkedDay()
    {
        var plan = RefreshPlan.Incremental([Mark("01", new DateOnly(2025, 12, 1)), Mark("48", null)], []);

        plan.RecountNewDay(2026, Today.AddDays(-2), Today, ["01", "48", "79"]);

        Assert.Equal(new Dictionary<string, DateOnly?> { ["01"] = new DateOnly(2025, 12, 1), ["48"] = null, ["79"] = Today.AddDays(-1) },
            PairsOf(plan, 2026));
    }

    [Fact]
    public void NewDay_NothingBuiltYet_AddsNothing()
    {
        var plan = RefreshPlan.Incremental([], []);

        plan.RecountNewDay(2026, null, Today, ["01"]);

        Assert.True(plan.NothingToDo);
    }

    [Fact]
    public void Changes_OfABuiltProvince_AreAddedToItsRows_UpToItsLastBuiltDay()
    {
        var inside = Delta("79-03", Today.AddDays(-3));
        var after = Delta("79-03", Today);
        var plan = RefreshPlan.Incremental([], [inside, after]);

        plan.PlaceDeltas(2026, new Dictionary<string, DateOnly> { ["79"] = Today.AddDays(-1) }, NoneSwitching);

        Assert.Equal([inside], plan.Apply);
        Assert.Empty(plan.Recount);
        Assert.Equal(["79"], plan.Provinces);
    }

    [Fact]
    public void Changes_OfAMarkedProvince_MoveItsRecountToTheEarliestChange_AndAreNotAdded()
    {
        var plan = RefreshPlan.Incremental([Mark("79", new DateOnly(2025, 12, 1))], [Delta("79-03", new DateOnly(2025, 11, 20)), Delta("79-01", Today)]);

        plan.PlaceDeltas(2026, new Dictionary<string, DateOnly> { ["79"] = Today }, NoneSwitching);

        Assert.Empty(plan.Apply);
        Assert.Equal(new DateOnly(2025, 11, 20), PairsOf(plan, 2026)["79"]);
    }

    [Fact]
    public void Changes_BeyondTheBuiltRows_AreRecountedFromTheEarliestChange()
    {
        var plan = RefreshPlan.Incremental([], [Delta("01-01", Today.AddDays(-1)), Delta("79-01", Today.AddDays(-4)), Delta("79-02", Today)]);

        plan.PlaceDeltas(2026, new Dictionary<string, DateOnly> { ["79"] = Today.AddDays(-5) }, NoneSwitching);

        Assert.Empty(plan.Apply);
        Assert.Equal(new Dictionary<string, DateOnly?> { ["01"] = Today.AddDays(-1), ["79"] = Today.AddDays(-4) }, PairsOf(plan, 2026));
    }

    [Fact]
    public void Changes_OfAProvinceSwitchingSource_RecountItsWholeYear()
    {
        var plan = RefreshPlan.Incremental([], [Delta("79-01", Today.AddDays(-1))]);

        plan.PlaceDeltas(2026, new Dictionary<string, DateOnly> { ["79"] = Today }, new HashSet<string> { "79" });

        Assert.Empty(plan.Apply);
        Assert.Null(PairsOf(plan, 2026)["79"]);
    }

    [Fact]
    public void Changes_AreDecidedPerYear()
    {
        var plan = RefreshPlan.Incremental([], [Delta("79-01", new DateOnly(2025, 9, 1), year: 2025), Delta("79-01", Today)]);

        Assert.Equal(["2025:79", "2026:79"], plan.TakenYears.Select(t => $"{t.Year}:{string.Join(",", t.Provinces)}"));
        plan.PlaceDeltas(2025, new Dictionary<string, DateOnly> { ["79"] = new DateOnly(2025, 9, 30) }, NoneSwitching);

        Assert.Equal([2025], plan.Apply.Select(d => d.Year));
        Assert.Empty(plan.Recount);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("2026-01-05", null, null)]
    [InlineData("2026-01-05", "2026-01-03", "2026-01-03")]
    [InlineData("2026-01-02", "2026-01-03", "2026-01-02")]
    public void Earlier_TreatsNullAsTheWholeYear(string? a, string? b, string? expected)
    {
        Assert.Equal(Parse(expected), RefreshPlan.Earlier(Parse(a), Parse(b)));
        Assert.Equal(Parse(expected), RefreshPlan.Earlier(Parse(b), Parse(a)));
    }

    private static DateOnly? Parse(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Batches_GroupProvincesByFirstDay_NeverAfterTheDayFollowingTheirLastBuiltRow()
    {
        var year = new StatisticalYear(2026);
        var recount = new YearRecount(2026, [("79", Today.AddDays(-1)), ("01", Today.AddDays(-5)), ("48", Today.AddDays(-3)), ("31", null)]);
        var built = new Dictionary<string, DateOnly> { ["79"] = Today.AddDays(-1), ["01"] = Today.AddDays(-1), ["48"] = Today.AddDays(-6) };

        var batches = RefreshPlan.Batches(recount, built, year.Start, Today);

        Assert.Equal([year.Start, Today.AddDays(-5), Today.AddDays(-1)], batches.Select(b => b.From));
        Assert.Equal(["31"], batches[0].Provinces);
        Assert.Equal(["01", "48"], batches[1].Provinces);
        Assert.Equal(["79"], batches[2].Provinces);
        var offices = ReferenceData.Provinces.Where(p => p.Code is "01" or "48").Sum(p => p.RegionalOffices);
        Assert.Equal(offices, batches[1].Offices.Count);
        Assert.All(batches[1].Offices, o => Assert.True(o.StartsWith("01-", StringComparison.Ordinal) || o.StartsWith("48-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Batches_UnbuiltProvince_StartsAtTheYearStart_AndNothingStartsAfterTheLastDay()
    {
        var year = new StatisticalYear(2026);
        var recount = new YearRecount(2026, [("79", Today.AddDays(-1)), ("01", Today.AddDays(1))]);
        var built = new Dictionary<string, DateOnly> { ["01"] = Today };

        var batches = RefreshPlan.Batches(recount, built, year.Start, Today);

        Assert.Equal(year.Start, Assert.Single(batches).From);
        Assert.Equal(["79"], batches[0].Provinces);
    }

    [Fact]
    public void Increments_AddEachChangeToEveryDayFromItsDayThroughTheLast()
    {
        var increments = RefreshPlan.Increments([Delta("79-03", Today.AddDays(-2), cases: 2), Delta("79-03", Today.AddDays(-1), cases: 1)],
            d => d.Office, Today);

        Assert.Equal([2L, 3L, 3L], increments.OrderBy(i => i.Day).Select(i => i.Change.CasesToEnforce));
        Assert.Equal([Today.AddDays(-2), Today.AddDays(-1), Today], increments.Select(i => i.Day).Order());
        Assert.All(increments, i => Assert.Equal("79-03", i.Unit));
    }

    [Fact]
    public void Increments_ChangesThatCancelOut_AddNothing()
    {
        var increments = RefreshPlan.Increments([Delta("79-03", Today, cases: 1, money: 500), Delta("79-01", Today, cases: -1, money: -500)],
            d => d.Province, Today);

        Assert.Empty(increments);
    }

    [Fact]
    public void Arrivals_AreTheLatestPerProvince()
    {
        var early = Delta("79-01", Today) with { ArrivedAt = new DateTime(2026, 1, 10, 1, 0, 0, DateTimeKind.Utc) };
        var late = Delta("79-02", Today) with { ArrivedAt = new DateTime(2026, 1, 10, 5, 0, 0, DateTimeKind.Utc) };

        var plan = RefreshPlan.Incremental([], [early, late]);

        Assert.Equal([("79", late.ArrivedAt)], plan.Arrivals);
    }
}

using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.Model;

[Trait("Category", "Unit")]
public sealed class PaceTests
{
    // Statistical year 2025: 2024-10-01..2025-09-30, 365 days.
    private static readonly StatisticalYear Year2025 = new(2025);

    /// <summary>Last year's curve: nothing for half the year, then the whole 80% in the second half.</summary>
    private static List<decimal?> BackLoadedCurve() =>
        [.. Enumerable.Range(0, 365).Select(i => (decimal?)(i < 182 ? 0.10m * (i + 1) / 182 : 0.10m + 0.70m * (i - 181) / 183))];

    [Fact]
    public void Linear_HalfwayThroughTheYear_ExpectsHalfTheTarget()
    {
        var asOf = Year2025.Start.AddDays(181); // day 182 of 365
        var pace = Pace.Evaluate(Year2025, asOf, done: 400, whole: 1000, target: 0.80m, lastYearRates: null, PaceModel.Linear);

        Assert.Equal(0.80m * 182 / 365, pace.Expected);
        Assert.Equal(0.40m, pace.Rate);
        Assert.Equal(0.40m - 0.80m * 182 / 365, -pace.PointsBehind); // a hair ahead
    }

    [Fact]
    public void LastYearCurve_ScalesLastYearsShapeToThisYearsTarget()
    {
        var curve = BackLoadedCurve();
        var asOf = Year2025.Start.AddDays(181); // last year had reached 0.10 of a final 0.80 here
        var pace = Pace.Evaluate(Year2025, asOf, done: 100, whole: 1000, target: 0.88m, curve, PaceModel.LastYearCurve);

        Assert.Equal(PaceModel.LastYearCurve, pace.Model);
        Assert.Equal(0.88m * 0.10m / 0.80m, pace.Expected); // 11%
        Assert.Equal(0.01m, pace.PointsBehind);
        // At the current pace (10% where last year's shape had 1/8 of the final rate) the year ends at 80%.
        Assert.Equal(0.80m, pace.Forecast);
    }

    [Fact]
    public void Behind_SaysHowManyDaysAgoTheExpectedRateWasWhereTheUnitIsNow()
    {
        var asOf = Year2025.Start.AddDays(99); // day 100: linear expectation 0.73 * 100/365 = 0.2
        var pace = Pace.Evaluate(Year2025, asOf, done: 180, whole: 1000, target: 0.73m, null, PaceModel.Linear);

        // 0.73 * d / 365 <= 0.18 holds up to day 90: ten days behind.
        Assert.Equal(10, pace.DaysBehind);
        Assert.Equal(20, pace.GapToPace); // 0.2 * 1000 - 180
    }

    [Fact]
    public void Needed_IsWhatReachesTheTargetOnTodaysBase_InTotalAndPerRemainingDay()
    {
        var asOf = Year2025.End.AddDays(-100); // 100 days left
        var pace = Pace.Evaluate(Year2025, asOf, done: 5_000_000_000, whole: 10_000_000_000, target: 0.55m, null, PaceModel.Linear);

        Assert.Equal(500_000_000, pace.NeededForTarget);
        Assert.Equal(100, pace.RemainingDays);
        Assert.Equal(5_000_000m, pace.NeededPerDay);
    }

    [Fact]
    public void AheadOfPace_NeedsNothingToCatchUpAndIsNotBehind()
    {
        var pace = Pace.Evaluate(Year2025, Year2025.Start.AddDays(181), done: 600, whole: 1000, target: 0.80m, null, PaceModel.Linear);

        Assert.Equal(0, pace.DaysBehind);
        Assert.Equal(0, pace.GapToPace);
        Assert.True(pace.PointsBehind < 0);
    }

    [Fact]
    public void LastYearCurve_WithoutLastYear_FallsBackToLinear()
    {
        var pace = Pace.Evaluate(Year2025, Year2025.Start.AddDays(181), 400, 1000, 0.80m, [], PaceModel.LastYearCurve);

        Assert.Equal(PaceModel.Linear, pace.Model);
        Assert.Equal(0.80m * 182 / 365, pace.Expected);
    }

    [Fact]
    public void NoCasesWithConditions_HasNoRateAndNoStatus()
    {
        var pace = Pace.Evaluate(Year2025, Year2025.Start.AddDays(30), 0, 0, 0.80m, null, PaceModel.Linear);

        Assert.Null(pace.Rate);
        Assert.Equal(PaceStatus.NoData, Pace.Status(pace, pace, 0.2m, 1m));
    }

    [Fact]
    public void Status_LaggingWhenEitherRateIsBehindByTheLaggingPoints()
    {
        var day = Year2025.Start.AddDays(181);
        var onPace = Pace.Evaluate(Year2025, day, 400, 1000, 0.80m, null, PaceModel.Linear);
        var slightlyBehind = Pace.Evaluate(Year2025, day, 395, 1000, 0.80m, null, PaceModel.Linear);   // 0.39 pp behind
        var farBehind = Pace.Evaluate(Year2025, day, 350, 1000, 0.80m, null, PaceModel.Linear);        // 4.89 pp behind

        Assert.Equal(PaceStatus.OnPace, Pace.Status(onPace, onPace, 0.2m, 1m));
        Assert.Equal(PaceStatus.Behind, Pace.Status(onPace, slightlyBehind, 0.2m, 1m));
        Assert.Equal(PaceStatus.Lagging, Pace.Status(farBehind, onPace, 0.2m, 1m));
    }
}

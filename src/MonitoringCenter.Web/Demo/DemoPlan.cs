using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Demo;

/// <summary>Year-end national totals of one category, in cases and whole đồng.</summary>
public sealed record CategoryPlan(
    Category Category,
    long ToEnforce,
    long WithConditions,
    long Completed,
    long MoneyToEnforce,
    long MoneyWithConditions,
    long Collected);

public sealed record YearPlan(int Year, decimal CaseTarget, decimal MoneyTarget, IReadOnlyList<CategoryPlan> Categories);

/// <summary>
/// The national totals the demo data is built to. 2024 and 2025 are the ministry's official
/// figures (see shared/data/published-figures.md and its calibration table); 2026 and 2027 are
/// invented, a little better than 2025, as the 2026 target asks.
/// </summary>
public static class DemoPlan
{
    private const long Billion = 1_000_000_000;

    public static IReadOnlyList<YearPlan> Years { get; } =
    [
        new(2024, 0.8325m, 0.4645m,
        [
            new(Category.CorruptionEconomic, 14_200, 10_600, 6_050, 175_000 * Billion, 52_000 * Billion, 22_177 * Billion),
            new(Category.CreditBanking, 41_300, 8_600, 6_150, 235_000 * Billion, 58_000 * Billion, 30_545 * Billion),
            new(Category.Administrative, 2_010, 1_995, 810, 0, 0, 0),
            new(Category.OtherCivil, 1_063_990, 718_739, 607_647, 190_000 * Billion, 114_791 * Billion, 63_809 * Billion),
        ]),
        new(2025, 0.8390m, 0.5190m,
        [
            new(Category.CorruptionEconomic, 15_000, 11_084, 6_471, 200_000 * Billion, 60_000 * Billion, 27_416 * Billion),
            new(Category.CreditBanking, 42_577, 9_000, 6_484, 274_400 * Billion, 70_000 * Billion, 36_904 * Billion),
            new(Category.Administrative, 2_105, 2_098, 868, 0, 0, 0),
            new(Category.OtherCivil, 1_004_737, 662_384, 563_061, 211_600 * Billion, 135_030 * Billion, 85_740 * Billion),
        ]),
        new(2026, 0.8450m, 0.5300m,
        [
            new(Category.CorruptionEconomic, 15_400, 11_300, 6_800, 205_000 * Billion, 62_000 * Billion, 29_800 * Billion),
            new(Category.CreditBanking, 43_000, 9_200, 6_700, 280_000 * Billion, 72_000 * Billion, 40_100 * Billion),
            new(Category.Administrative, 2_150, 2_140, 930, 0, 0, 0),
            new(Category.OtherCivil, 1_010_450, 667_360, 572_570, 215_000 * Billion, 138_000 * Billion, 88_600 * Billion),
        ]),
        new(2027, 0.8500m, 0.5500m,
        [
            new(Category.CorruptionEconomic, 15_500, 11_400, 6_900, 207_000 * Billion, 62_500 * Billion, 30_400 * Billion),
            new(Category.CreditBanking, 43_400, 9_300, 6_800, 283_000 * Billion, 72_700 * Billion, 41_000 * Billion),
            new(Category.Administrative, 2_170, 2_160, 950, 0, 0, 0),
            new(Category.OtherCivil, 1_020_000, 674_000, 580_000, 217_000 * Billion, 139_000 * Billion, 90_500 * Billion),
        ]),
    ];

    /// <summary>National targets of years without demo data, from the published figures.</summary>
    public static IReadOnlyList<(int Year, decimal CaseTarget, decimal MoneyTarget)> EarlierTargets { get; } =
    [
        (2020, 0.8000m, 0.3800m),
        (2022, 0.8150m, 0.4010m),
    ];
}

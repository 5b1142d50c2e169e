using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Tests.Demo;

/// <summary>
/// The demo data, loaded and refreshed as <c>seed</c> does it, against the Ministry's published
/// figures (shared/data/published-figures.md).
/// </summary>
[Collection(DemoData.Name)]
[Trait("Category", "Database")]
public sealed class PublishedFiguresTests(DemoDatabase demo)
{
    private const long Billion = 1_000_000_000;

    private WallQueries Queries => demo.Services.Services.GetRequiredService<WallQueries>();

    [Fact]
    public async Task National_2025_AsOf30September_MatchesThePublishedFigures()
    {
        var snapshot = await Queries.NationalAsync(2025, new DateOnly(2025, 9, 30));

        Assert.Equal(new DateOnly(2025, 9, 30), snapshot.AsOf);
        Assert.Equal(576_884, snapshot.Total.CasesCompleted);
        Assert.Equal(1_064_419, snapshot.Total.CasesToEnforce);
        Assert.Equal("84,27%", VietnameseFormat.Percent(snapshot.Total.CaseRate));
        Assert.Equal(150_060 * Billion, snapshot.Total.MoneyCollected);
        Assert.Equal("56,62%", VietnameseFormat.Percent(snapshot.Total.MoneyRate));
        Assert.Equal(27_416 * Billion, snapshot.Of(Category.CorruptionEconomic).MoneyCollected);
        Assert.Equal(6_484, snapshot.Of(Category.CreditBanking).CasesCompleted);
        Assert.Equal(36_904 * Billion, snapshot.Of(Category.CreditBanking).MoneyCollected);
        Assert.Equal(2_105, snapshot.Of(Category.Administrative).CasesToEnforce);
        Assert.Equal(868, snapshot.Of(Category.Administrative).CasesCompleted);
        Assert.Equal("41,37%", VietnameseFormat.Percent(snapshot.Of(Category.Administrative).CaseRate));
        Assert.Equal(0.8390m, snapshot.CaseTarget);
        Assert.Equal(0.5190m, snapshot.MoneyTarget);
    }

    [Fact]
    public async Task National_2024_AsOf30September_MatchesTheOfficialFigures()
    {
        var snapshot = await Queries.NationalAsync(2025, new DateOnly(2025, 9, 30));

        Assert.Equal(new DateOnly(2024, 9, 30), snapshot.LastYearAsOf);
        Assert.Equal(620_657, snapshot.LastYearTotal.CasesCompleted);
        Assert.Equal("83,88%", VietnameseFormat.Percent(snapshot.LastYearTotal.CaseRate));
        Assert.Equal(116_531 * Billion, snapshot.LastYearTotal.MoneyCollected);
        Assert.Equal("51,84%", VietnameseFormat.Percent(snapshot.LastYearTotal.MoneyRate));
        // The published year-on-year increases.
        Assert.Equal(33_529 * Billion, snapshot.Total.MoneyCollected - snapshot.LastYearTotal.MoneyCollected);
        Assert.Equal(5_239 * Billion, snapshot.Of(Category.CorruptionEconomic).MoneyCollected - snapshot.LastYearOf(Category.CorruptionEconomic).MoneyCollected);
        Assert.Equal("+20,82%", VietnameseFormat.SignedPercent(
            (decimal)snapshot.Of(Category.CreditBanking).MoneyCollected / snapshot.LastYearOf(Category.CreditBanking).MoneyCollected - 1));
    }

    [Fact]
    public async Task SixMonths_AreFarBelowTwelve_CompletionsBunchBeforeSeptember()
    {
        var half = await Queries.NationalAsync(2025, new DateOnly(2025, 3, 31));
        var full = await Queries.NationalAsync(2025, new DateOnly(2025, 9, 30));

        Assert.Equal(new DateOnly(2025, 3, 31), half.AsOf);
        Assert.True(half.Total.CasesCompleted < full.Total.CasesCompleted * 0.6, $"{half.Total.CasesCompleted} of {full.Total.CasesCompleted} by March");
        Assert.True(half.Total.CaseRate < full.Total.CaseRate - 0.2m);
        Assert.True(half.Total.MoneyCollected < full.Total.MoneyCollected * 0.6);
    }

    [Fact]
    public async Task Provinces_SumToTheNation_AndOfficesToTheirProvince_OnEveryDay()
    {
        await using var connection = await demo.Database.OpenAsync();
        var provinceMismatches = await connection.ExecuteScalarAsync<long>("""
            select count(*) from kpi_daily n
            join (select stat_year, category, day, sum(cases_to_enforce) a, sum(cases_with_conditions) b, sum(cases_completed) c,
                         sum(money_to_enforce) d, sum(money_with_conditions) e, sum(money_collected) f
                  from kpi_daily where unit_kind = 1 group by 1, 2, 3) p using (stat_year, category, day)
            where n.unit_kind = 0 and (n.cases_to_enforce, n.cases_with_conditions, n.cases_completed, n.money_to_enforce,
                  n.money_with_conditions, n.money_collected) is distinct from (p.a, p.b, p.c, p.d, p.e, p.f)
            """);
        var officeMismatches = await connection.ExecuteScalarAsync<long>("""
            select count(*) from kpi_daily p
            join (select k.stat_year, o.province_code, k.category, k.day, sum(k.cases_completed) c, sum(k.money_collected) f
                  from kpi_daily k join office o on o.code = k.unit_code where k.unit_kind = 2 group by 1, 2, 3, 4) s
              on s.stat_year = p.stat_year and s.province_code = p.unit_code and s.category = p.category and s.day = p.day
            where p.unit_kind = 1 and (p.cases_completed, p.money_collected) is distinct from (s.c, s.f)
            """);
        var nationDays = await connection.ExecuteScalarAsync<long>("select count(*) from kpi_daily where unit_kind = 0 and stat_year = 2025");

        Assert.Equal(365 * 4, nationDays);
        Assert.Equal(0, provinceMismatches);
        Assert.Equal(0, officeMismatches);
    }

    [Fact]
    public async Task Provinces_AreUneven_HoChiMinhCityCarriesAboutASixthOfCasesAndTwoFifthsOfMoney()
    {
        await using var connection = await demo.Database.OpenAsync();
        var shares = (await connection.QueryAsync<(string Code, decimal Cases, decimal Money, decimal Rate)>("""
            select unit_code,
                   sum(cases_to_enforce)::numeric / sum(sum(cases_to_enforce)) over (),
                   sum(money_to_enforce)::numeric / sum(sum(money_to_enforce)) over (),
                   sum(cases_completed)::numeric / nullif(sum(cases_with_conditions), 0)
            from kpi_daily where unit_kind = 1 and stat_year = 2025 and day = '2025-09-30'
            group by unit_code
            """)).ToDictionary(s => s.Code);
        var targets = (await connection.QueryAsync<(string Code, decimal Target)>(
            "select distinct on (province_code) province_code, case_rate from target where stat_year = 2025 and province_code is not null order by province_code, set_at desc"))
            .ToDictionary(t => t.Code, t => t.Target);

        Assert.Equal(34, shares.Count);
        Assert.InRange(shares["79"].Cases, 0.14m, 0.20m);
        Assert.InRange(shares["79"].Money, 0.33m, 0.47m);
        Assert.Equal(34, targets.Count);
        var above = shares.Count(s => s.Value.Rate >= targets[s.Key]);
        Assert.InRange(above, 3, 31);
    }
}

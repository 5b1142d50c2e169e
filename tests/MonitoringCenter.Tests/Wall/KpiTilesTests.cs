using Bunit;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Tests.Wall;

[Trait("Category", "Unit")]
public sealed class KpiTilesTests : BunitContext
{
    private const long Billion = 1_000_000_000;

    private static NationalSnapshot Snapshot(bool withLastYear = true, bool administrativeDue = true) => new(
        2025, new DateOnly(2025, 9, 30), new DateOnly(2025, 9, 30),
        new Dictionary<Category, Indicators>
        {
            [Category.CorruptionEconomic] = new(15_000, 11_084, 6_471, 200_000 * Billion, 60_000 * Billion, 27_416 * Billion),
            [Category.CreditBanking] = new(42_577, 9_000, 6_484, 274_400 * Billion, 70_000 * Billion, 36_904 * Billion),
            [Category.Administrative] = new(2_105, administrativeDue ? 2_098 : 0, administrativeDue ? 868 : 0, 0, 0, 0),
            [Category.OtherCivil] = new(1_004_737, 662_384, 563_061, 211_600 * Billion, 135_030 * Billion, 85_740 * Billion),
        },
        withLastYear ? new DateOnly(2024, 9, 30) : null,
        withLastYear
            ? new Dictionary<Category, Indicators>
            {
                [Category.CreditBanking] = new(41_300, 8_600, 6_150, 0, 58_000 * Billion, 30_545 * Billion),
                [Category.OtherCivil] = new(1_000_000, 700_000, 600_000, 0, 100_000 * Billion, 50_000 * Billion),
            }
            : new Dictionary<Category, Indicators>(),
        0.8390m, 0.5190m, null);

    private IRenderedComponent<KpiTiles> Render(NationalSnapshot snapshot) => Render<KpiTiles>(ps => ps.Add(p => p.Snapshot, snapshot));

    private static string Text(IRenderedComponent<KpiTiles> tiles, string selector) => Fragment.Text(tiles.Find(selector));

    [Fact]
    public void Tiles_ShowThePublishedFiguresInVietnameseForm()
    {
        var page = Render(Snapshot());
        Assert.Equal("576.884 việc", Text(page, "#tile-cases .value"));
        Assert.Contains("84,27%", Text(page, "#tile-cases .rate"));
        Assert.Contains("chỉ tiêu 83,90%", Text(page, "#tile-cases .rate"));
        Assert.Equal("150.060 tỷ đồng", Text(page, "#tile-money .value"));
        Assert.Contains("56,62%", Text(page, "#tile-money .rate"));
        Assert.Equal("27.416 tỷ đồng", Text(page, "#tile-corruption .value"));
        Assert.Equal("6.484 việc xong", Text(page, "#tile-credit .value"));
        Assert.Contains("36.904 tỷ đồng", Text(page, "#tile-credit .rate"));
        Assert.Equal("868 / 2.105 bản án", Text(page, "#tile-administrative .value"));
        Assert.Contains("41,37%", Text(page, "#tile-administrative .rate"));
    }

    [Fact]
    public void Tiles_CompareWithTheSameDateLastYear()
    {
        var page = Render(Snapshot());
        Assert.Contains("So với cùng kỳ 2024", Text(page, "#tile-cases .compare"));
        Assert.Contains("−29.266 việc", Text(page, "#tile-cases .compare"));
        Assert.Contains("+20,82%", Text(page, "#tile-credit .compare"));
    }

    [Fact]
    public void Tiles_RateAboveTarget_SaysByHowMuchAndIsMarkedOnTarget()
    {
        var page = Render(Snapshot());
        Assert.Equal("Vượt chỉ tiêu +0,37 điểm %", Text(page, "#tile-cases .gap"));
        Assert.Contains("on-target", page.Find("#tile-cases").ClassList);
    }

    [Fact]
    public void Tiles_WithoutLastYearOrDenominator_SayNoDataNeverZero()
    {
        var page = Render(Snapshot(withLastYear: false, administrativeDue: false));
        Assert.Contains("chưa có số liệu", Text(page, "#tile-cases .compare"));
        Assert.Contains("chưa có số liệu", Text(page, "#tile-administrative .rate"));
        Assert.DoesNotContain("0,00%", Text(page, "#tile-administrative .rate"));
    }
}

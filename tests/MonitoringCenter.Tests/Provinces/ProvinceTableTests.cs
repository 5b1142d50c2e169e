using Bunit;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Provinces;

namespace MonitoringCenter.Tests.Provinces;

[Trait("Category", "Unit")]
public sealed class ProvinceTableTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(7));

    private static UnitProgress Unit(string code, string name, decimal caseRate, decimal expected, PaceStatus status, int rank, int? previousRank,
        bool stale = false, long gap = 0) =>
        new(code, name, new Indicators(1000, 800, (long)(caseRate * 800), 0, 1_000_000_000_000, 300_000_000_000), null,
            new PaceResult(caseRate, 0.8450m, expected, 3, 0.80m, gap, 100, 2m, 200, PaceModel.LastYearCurve),
            new PaceResult(0.30m, 0.53m, 0.29m, 0, 0.55m, 0, 0, null, 200, PaceModel.LastYearCurve),
            status, rank, previousRank, [0.1m, 0.2m, 0.3m], [0.1m, 0.22m, 0.33m], Now.AddDays(-2), stale);

    private static ProvinceBoard Board() => new(2026, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1),
    [
        Unit("11", "Điện Biên", 0.40m, 0.43m, PaceStatus.Lagging, 34, 30, gap: 24),
        Unit("96", "Cà Mau", 0.45m, 0.44m, PaceStatus.OnPace, 1, 1),
        Unit("12", "Lai Châu", 0.42m, 0.42m, PaceStatus.OnPace, 20, 22, stale: true),
    ], Now);

    [Fact]
    public void Rows_ShowRatesTargetsPaceGapRankAndStatus_InTheOrderGiven()
    {
        var page = Render<ProvinceTable>(ps => ps.Add(p => p.Board, Board()).Add(p => p.Query, "?year=2026"));

        var rows = page.FindAll("#province-table tbody tr");
        Assert.Equal(["11", "96", "12"], rows.Select(r => r.GetAttribute("data-code")));
        var dienBien = rows[0];
        Assert.Equal("40,00%", Fragment.Text(dienBien.QuerySelector(".case-rate")));
        Assert.Equal("84,50%", Fragment.Text(dienBien.QuerySelector(".case-target")));
        Assert.Equal("−3,00 điểm %", Fragment.Text(dienBien.QuerySelector(".case-pace")));
        Assert.Equal("24 việc", Fragment.Text(dienBien.QuerySelector(".case-gap")));
        Assert.Equal("34 ▼4", Fragment.Text(dienBien.QuerySelector(".rank")));
        Assert.Equal("Chậm nhiều", Fragment.Text(dienBien.QuerySelector(".status")));
        Assert.Contains("status-lagging", dienBien.ClassList);
        Assert.Equal("/wall/provinces/11?year=2026", dienBien.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("=", Fragment.Text(rows[1].QuerySelector(".rank-change")));
        Assert.NotNull(dienBien.QuerySelector(".trend svg polyline.actual"));
    }

    [Fact]
    public void ProvinceWithoutRecentData_SaysSinceWhenInsteadOfAStatus()
    {
        var page = Render<ProvinceTable>(ps => ps.Add(p => p.Board, Board()));

        var laiChau = page.Find("#province-table tr[data-code='12']");
        Assert.Equal("chưa có số liệu từ 09:00 27/02/2026", Fragment.Text(laiChau.QuerySelector(".status")));
        Assert.Contains("status-stale", laiChau.ClassList);
    }
}

using Bunit;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Tests.Wall;

/// <summary>The line under a wall's title that says how current its figures are.</summary>
[Trait("Category", "Unit")]
public sealed class DataAsOfTests : BunitContext
{
    private static NationalSnapshot Snapshot(DateOnly? asOf, DateTimeOffset? refreshedAt = null, int fromReports = 0) =>
        new(2026, new DateOnly(2026, 3, 1), asOf, new Dictionary<Category, Indicators>(), null, new Dictionary<Category, Indicators>(), null, null, refreshedAt)
        {
            ProvincesFromReports = fromReports,
        };

    [Fact]
    public void WithFigures_SaysTheDayTheyRunTo_AndWhenTheyWereRefreshed()
    {
        var line = Render<DataAsOf>(ps => ps.Add(p => p.Snapshot,
            Snapshot(new DateOnly(2026, 2, 28), new DateTimeOffset(2026, 3, 1, 8, 15, 30, TimeSpan.FromHours(7)), fromReports: 3)));

        Assert.Equal("Số liệu đến ngày 28/02/2026 · 3 tỉnh theo báo cáo thống kê (chưa có dữ liệu vụ việc) · cập nhật lúc 08:15:30 01/03/2026",
            Fragment.Text(line.Find("#data-as-of")));
        line.Find("#data-as-of strong").MarkupMatches("<strong>28/02/2026</strong>");
    }

    [Fact]
    public void WithoutFigures_SaysThereAreNoneForTheYear_NeverAZeroDate()
    {
        var line = Render<DataAsOf>(ps => ps.Add(p => p.Snapshot, Snapshot(asOf: null)));

        Assert.Equal("Chưa có số liệu cho năm thống kê 2026 đến ngày 01/03/2026", Fragment.Text(line.Find("#data-as-of")));
        Assert.Empty(line.FindAll(".refreshed"));
        Assert.Empty(line.FindAll(".from-reports"));
    }
}

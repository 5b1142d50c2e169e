using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Tests.Wall;

/// <summary>The map's colour classes: quintiles for rates, symmetric around zero for points, fixed counts for alerts.</summary>
[Trait("Category", "Unit")]
public sealed class MapScaleTests
{
    private static MapIndicator Indicator(string key) => MapIndicator.Find(key)!;

    [Fact]
    public void Rates_AreClassedByQuintiles_EachFifthOfTheProvincesOneColour_RedToGreen()
    {
        var values = Enumerable.Range(1, 34).Select(i => 70m + i / 2m).ToList();

        var classes = MapScale.For(Indicator("money"), values);

        Assert.Equal([0, 1, 2, 3, 4], classes.Select(c => c.Colour));
        Assert.Equal([null, 73.5m, 77m, 80.5m, 84m], classes.Select(c => c.From));
        Assert.Equal("dưới 73,50%", classes[0].Text);
        Assert.Equal("73,50% – 77,00%", classes[1].Text);
        Assert.Equal("từ 84,00%", classes[4].Text);
        // Every value in exactly one class; the counts are fifths (34 = 6 + 7 + 7 + 7 + 7).
        Assert.All(values, v => Assert.Single(classes, c => c.Contains(v)));
        Assert.Equal([6, 7, 7, 7, 7], classes.Select(c => values.Count(c.Contains)));
    }

    [Fact]
    public void Rates_AllEqual_MakeOneClass()
    {
        var classes = MapScale.For(Indicator("cases"), [80m, 80m, 80m]);

        Assert.Equal(4, Assert.Single(classes).Colour);
    }

    [Fact]
    public void Points_AreClassedAroundZero_ScaledToTheLargestDistance()
    {
        var classes = MapScale.For(Indicator("case-pace"), [-3.2m, -0.1m, 0.4m, 1.7m]);

        // The largest distance 3,2 rounds up to 5: bounds at ±1 and ±3 points.
        Assert.Equal([null, -3m, -1m, 1m, 3m], classes.Select(c => c.From));
        Assert.Equal([0, 1, 2, 3, 4], classes.Select(c => c.Colour));
        Assert.Equal("−3,00 – −1,00", classes[1].Text);
        Assert.Equal(2, MapScale.Of(classes, -0.1m)!.Colour);
        Assert.Equal(0, MapScale.Of(classes, -3.2m)!.Colour);
    }

    [Fact]
    public void Alerts_NoneIsGreen_FiveOrMoreIsRed()
    {
        var classes = MapScale.For(MapIndicator.Alerts, [0m, 1m, 7m]);

        Assert.Equal(["0", "1", "2", "3–4", "từ 5"], classes.Select(c => c.Text));
        Assert.Equal(4, MapScale.Of(classes, 0)!.Colour);
        Assert.Equal(0, MapScale.Of(classes, 7)!.Colour);
    }

    [Theory]
    [InlineData(null, "status")]
    [InlineData("money", "money")]
    public void Indicator_ReadsFromTheAddress(string? text, string key)
    {
        Assert.True(MapIndicator.TryRead(text, out var indicator, out _));
        Assert.Equal(key, indicator.Key);
    }

    [Fact]
    public void Indicator_Unknown_IsAProblemNamingTheChoices()
    {
        Assert.False(MapIndicator.TryRead("bogus", out _, out var problem));
        Assert.Contains("money", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WallViewKey_CarriesTheMap_OnlyWhenNotThePaceStatus()
    {
        var period = MonitoringCenter.Web.Model.ReportingPeriod.Live;

        Assert.Equal("wall", new WallView(period).Key);
        Assert.Equal("wall?map=money", new WallView(period) { Map = Indicator("money") }.Key);
    }
}

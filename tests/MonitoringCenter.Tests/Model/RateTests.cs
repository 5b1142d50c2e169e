using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.Model;

[Trait("Category", "Unit")]
public sealed class RateTests
{
    [Fact]
    public void CaseRate_NoCasesWithConditions_IsNull()
    {
        Assert.Null(new Indicators(10, 0, 0, 0, 0, 0).CaseRate);
        Assert.Null(Rate.Of(0, 0));
    }

    [Fact]
    public void CaseRate_IsCompletedOverWithConditions_Unrounded()
    {
        var indicators = new Indicators(1_064_419, 684_566, 576_884, 0, 265_030, 150_060);
        Assert.Equal(576_884m / 684_566m, indicators.CaseRate);
        Assert.Equal(150_060m / 265_030m, indicators.MoneyRate);
    }

    [Fact]
    public void Plus_AddsEveryIndicator()
    {
        var sum = new Indicators(1, 2, 3, 4, 5, 6).Plus(new Indicators(10, 20, 30, 40, 50, 60));
        Assert.Equal(new Indicators(11, 22, 33, 44, 55, 66), sum);
    }
}

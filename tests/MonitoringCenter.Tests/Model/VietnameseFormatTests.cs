using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.Model;

[Trait("Category", "Unit")]
public sealed class VietnameseFormatTests
{
    private const long Billion = 1_000_000_000;

    [Fact]
    public void Count_GroupsThousandsWithDots() => Assert.Equal("576.884", VietnameseFormat.Count(576_884));

    [Fact]
    public void Percent_UsesCommaAndTwoDecimals()
    {
        Assert.Equal("84,27%", VietnameseFormat.Percent(576_884m / 684_566m));
        Assert.Equal("56,62%", VietnameseFormat.Percent(150_060m / 265_030m));
        Assert.Equal("100,00%", VietnameseFormat.Percent(1m));
    }

    [Fact]
    public void Percent_NoData_SaysSoInsteadOfZero() => Assert.Equal("chưa có số liệu", VietnameseFormat.Percent(null));

    [Theory]
    [InlineData(150_060 * Billion, "150.060 tỷ đồng")]
    [InlineData(27_416 * Billion, "27.416 tỷ đồng")]
    [InlineData(1_500_000_000, "1,5 tỷ đồng")]
    [InlineData(250_000_000, "250 triệu đồng")]
    [InlineData(0, "0 triệu đồng")]
    public void Money_InTyOrTrieu(long dong, string expected) => Assert.Equal(expected, VietnameseFormat.Money(dong));

    [Fact]
    public void Signed_ShowPlusAndMinus()
    {
        Assert.Equal("+33.529 tỷ đồng", VietnameseFormat.SignedMoney(33_529 * Billion));
        Assert.Equal("−43.773", VietnameseFormat.SignedCount(-43_773));
        Assert.Equal("+0,39 điểm %", VietnameseFormat.Points(0.0039m));
        Assert.Equal("+20,82%", VietnameseFormat.SignedPercent(36_904m / 30_545m - 1));
    }

    [Fact]
    public void Date_IsDayMonthYear() => Assert.Equal("30/09/2025", VietnameseFormat.Date(new DateOnly(2025, 9, 30)));
}

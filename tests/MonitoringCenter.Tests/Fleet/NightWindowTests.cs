using MonitoringCenter.Web.Fleet;

namespace MonitoringCenter.Tests.Fleet;

/// <summary>A room's night dimming window, as configured.</summary>
[Trait("Category", "Unit")]
public sealed class NightWindowTests
{
    [Theory]
    [InlineData("22:00-06:00", "23:30", true)]
    [InlineData("22:00-06:00", "05:59", true)]
    [InlineData("22:00-06:00", "06:00", false)]
    [InlineData("22:00-06:00", "12:00", false)]
    [InlineData("01:00-05:00", "03:00", true)]
    [InlineData("01:00-05:00", "00:30", false)]
    public void Contains_AlsoAcrossMidnight(string window, string time, bool inside)
    {
        Assert.Equal(inside, NightWindow.Parse(window)!.Contains(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("22:00")]
    [InlineData("22h-6h")]
    [InlineData("25:00-06:00")]
    [InlineData("06:00-06:00")]
    public void BadWindows_AreRefused(string window) => Assert.Null(NightWindow.Parse(window));

    [Fact]
    public void Attribute_IsMinutesSinceMidnight() => Assert.Equal("1320-360", NightWindow.Parse("22:00 - 06:00")!.ToAttribute());
}

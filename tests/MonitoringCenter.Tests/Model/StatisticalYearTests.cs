using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.Model;

[Trait("Category", "Unit")]
public sealed class StatisticalYearTests
{
    [Fact]
    public void Year2025_RunsFromOctober2024ToSeptember2025()
    {
        var year = new StatisticalYear(2025);
        Assert.Equal(new DateOnly(2024, 10, 1), year.Start);
        Assert.Equal(new DateOnly(2025, 9, 30), year.End);
        Assert.Equal(365, year.Days);
    }

    [Theory]
    [InlineData("2025-10-01", 2026)]
    [InlineData("2025-09-30", 2025)]
    [InlineData("2024-10-01", 2025)]
    [InlineData("2025-01-15", 2025)]
    [InlineData("2024-12-31", 2025)]
    public void Containing_NamesTheYearByTheYearItEndsIn(string date, int expected)
    {
        Assert.Equal(expected, StatisticalYear.Containing(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Year);
    }

    [Fact]
    public void Year2024_IncludesLeapDay()
    {
        var year = new StatisticalYear(2024);
        Assert.Equal(366, year.Days);
        Assert.True(year.Contains(new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void SameDateLastYear_From29February_Is28February()
    {
        Assert.Equal(new DateOnly(2023, 2, 28), StatisticalYear.SameDateLastYear(new DateOnly(2024, 2, 29)));
        Assert.Equal(new DateOnly(2024, 9, 30), StatisticalYear.SameDateLastYear(new DateOnly(2025, 9, 30)));
    }

    [Fact]
    public void StartMonth_IsConfigurable_JanuaryStartIsTheCalendarYear()
    {
        var year = StatisticalYear.Containing(new DateOnly(2025, 10, 1), startMonth: 1);
        Assert.Equal(2025, year.Year);
        Assert.Equal(new DateOnly(2025, 1, 1), year.Start);
        Assert.Equal(new DateOnly(2025, 12, 31), year.End);
    }

    [Fact]
    public void Clamp_KeepsDatesInsideTheYear()
    {
        var year = new StatisticalYear(2025);
        Assert.Equal(year.End, year.Clamp(new DateOnly(2026, 1, 1)));
        Assert.Equal(year.Start, year.Clamp(new DateOnly(2020, 1, 1)));
        Assert.Equal(new DateOnly(2025, 3, 31), year.Clamp(new DateOnly(2025, 3, 31)));
    }
}

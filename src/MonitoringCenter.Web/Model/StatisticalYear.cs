namespace MonitoringCenter.Web.Model;

/// <summary>
/// A statistical year of the enforcement system: it starts on the first day of
/// <see cref="StartMonth"/> and is named by the calendar year it ends in, so with the default
/// October start the statistical year 2025 is 2024-10-01..2025-09-30.
/// </summary>
public readonly record struct StatisticalYear(int Year, int StartMonth = 10)
{
    public DateOnly Start => StartMonth == 1
        ? new DateOnly(Year, 1, 1)
        : new DateOnly(Year - 1, StartMonth, 1);

    public DateOnly End => Start.AddYears(1).AddDays(-1);

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static StatisticalYear Containing(DateOnly date, int startMonth = 10) =>
        new(startMonth == 1 || date.Month < startMonth ? date.Year : date.Year + 1, startMonth);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public StatisticalYear Previous => this with { Year = Year - 1 };

    /// <summary>Clamps a date into the year, so "as of" a date past the end means the whole year.</summary>
    public DateOnly Clamp(DateOnly date) => date < Start ? Start : date > End ? End : date;

    /// <summary>
    /// The same calendar date one statistical year earlier; 29 February falls back to
    /// 28 February, which is what the ministry's year-on-year comparisons use.
    /// </summary>
    public static DateOnly SameDateLastYear(DateOnly date) => date.AddYears(-1);

    /// <summary>How far through the year a date is, 0 at the day before the start and 1 on the last day.</summary>
    public double Elapsed(DateOnly date) => (double)(Clamp(date).DayNumber - Start.DayNumber + 1) / Days;

    public override string ToString() => Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

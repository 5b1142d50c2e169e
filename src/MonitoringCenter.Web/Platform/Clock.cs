using MonitoringCenter.Web.Model;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Platform;

/// <summary>"Today" and the current statistical year in the configured time zone, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class Clock(TimeProvider time, IOptions<StatisticsOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public int YearStartMonth => options.Value.YearStartMonth;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public StatisticalYear CurrentYear => StatisticalYear.Containing(Today, YearStartMonth);

    public StatisticalYear Year(int year) => new(year, YearStartMonth);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>The year and day a period shows now.</summary>
    public (StatisticalYear Year, DateOnly AsOf) Resolve(ReportingPeriod period) => period.Resolve(Today, YearStartMonth);

    /// <summary>Reads a screen's <c>?year=</c> and <c>?asOf=</c> (see <see cref="ReportingPeriod.TryParse"/>).</summary>
    public bool TryReadPeriod(string? yearText, string? asOfText, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReportingPeriod? period, out string? problem) =>
        ReportingPeriod.TryParse(yearText, asOfText, Today, YearStartMonth, out period, out problem);
}

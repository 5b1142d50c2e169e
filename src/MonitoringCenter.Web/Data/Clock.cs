using MonitoringCenter.Web.Configuration;
using MonitoringCenter.Web.Model;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Data;

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
}

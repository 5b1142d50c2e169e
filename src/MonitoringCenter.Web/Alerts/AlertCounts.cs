
namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// Alerts counted by bucket and severity. The buckets: pending, firing and acknowledged (not
/// snoozed), snoozed (any open state), resolved; every filter is a union of buckets.
/// </summary>
public sealed record AlertCounts(IReadOnlyList<AlertCounts.Bucket> Buckets)
{
    public sealed record Bucket(string Name, short Severity, int Count);

    public static AlertCounts Empty { get; } = new([]);

    public static IReadOnlyList<string> BucketsOf(AlertFilter filter) => filter switch
    {
        AlertFilter.Active => ["pending", "firing", "acknowledged", "snoozed"],
        AlertFilter.Firing => ["firing"],
        AlertFilter.Acknowledged => ["acknowledged"],
        AlertFilter.Pending => ["pending"],
        AlertFilter.Snoozed => ["snoozed"],
        AlertFilter.Resolved => ["resolved"],
        _ => ["pending", "firing", "acknowledged", "snoozed", "resolved"],
    };

    /// <summary>How many alerts the filter shows, of one severity or of all.</summary>
    public int Count(AlertFilter filter, AlertSeverity? severity = null)
    {
        var names = BucketsOf(filter);
        return Buckets.Where(b => names.Contains(b.Name) && (severity is null || b.Severity == (short)severity)).Sum(b => b.Count);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MonitoringCenter.Web.Ingestion;

namespace MonitoringCenter.Web.Operations;

/// <summary>
/// The center's own instruments, on the <c>MonitoringCenter</c> meter (exported at <c>/metrics</c>
/// and by OTLP when configured). Static, so that the places that count call one line and keep
/// their constructors: the meter is process-wide, as .NET meters are anyway.
/// </summary>
public static class CenterMetrics
{
    public const string MeterName = "MonitoringCenter";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> RefreshDuration = Meter.CreateHistogram<double>("mc.refresh.duration", "s",
        "Duration of a committed read-model refresh.");

    private static readonly Counter<long> RefreshRows = Meter.CreateCounter<long>("mc.refresh.rows", "{row}",
        "Read-model rows written by refreshes.");

    private static readonly Histogram<double> PushLatency = Meter.CreateHistogram<double>("mc.push.latency", "s",
        "From the moment this node learned of a new version (its own refresh began, or the change feed told it) to the push of a view with it.");

    private static readonly Counter<long> Pushes = Meter.CreateCounter<long>("mc.pushes", "{push}",
        "Pushes sent to a view's group of screens.");

    private static readonly Counter<long> EventsAccepted = Meter.CreateCounter<long>("mc.ingestion.events.accepted", "{event}",
        "Case events accepted by the ingestion API (duplicates not counted).");

    private static readonly Counter<long> EventsRejected = Meter.CreateCounter<long>("mc.ingestion.events.rejected", "{event}",
        "Case events the ingestion API refused, by reason.");

    private static readonly Counter<long> AlertTransitions = Meter.CreateCounter<long>("mc.alerts.transitions", "{transition}",
        "Alerts the evaluation opened, fired and resolved.");

    private static readonly Counter<long> JobOutcomes = Meter.CreateCounter<long>("mc.jobs.outcomes", "{run}",
        "Hangfire job runs on this node, by job and outcome.");

    private static readonly ConcurrentDictionary<Func<IReadOnlyDictionary<string, int>>, bool> ScreenSources = new();

    // The version numbers this node learned of lately, and when: kept short, a version is pushed within seconds.
    private static readonly ConcurrentDictionary<long, long> VersionSeenAt = new();

    static CenterMetrics()
    {
        Meter.CreateObservableGauge("mc.screens.connected", ObserveScreens, "{screen}", "Screens connected to this node's wall hub, per view.");
    }

    /// <summary>Counts, per view, the screens a host has (one source per host; a test process runs several).</summary>
    public static IDisposable WatchScreens(Func<IReadOnlyDictionary<string, int>> source)
    {
        ScreenSources[source] = true;
        return new Unwatch(source);
    }

    /// <summary>A refresh that took <paramref name="duration"/> committed <paramref name="rows"/> rows as <paramref name="version"/>.</summary>
    public static void Refreshed(string kind, int rows, TimeSpan duration, long? version)
    {
        var startedTimestamp = Stopwatch.GetTimestamp() - (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tag = new KeyValuePair<string, object?>("kind", kind);
        RefreshDuration.Record(duration.TotalSeconds, tag);
        RefreshRows.Add(rows, tag);
        if (version is { } v)
        {
            SeenVersion(v, startedTimestamp);
        }
    }

    /// <summary>The change feed announced <paramref name="version"/>; a version this node refreshed itself keeps its earlier start.</summary>
    public static void VersionAnnounced(long version) => SeenVersion(version, Stopwatch.GetTimestamp());

    public static void Pushed(string viewKey, long version, bool full)
    {
        var view = ViewName(viewKey);
        Pushes.Add(1, new KeyValuePair<string, object?>("view", view), new KeyValuePair<string, object?>("full", full));
        if (VersionSeenAt.TryGetValue(version, out var seen))
        {
            PushLatency.Record(Stopwatch.GetElapsedTime(seen).TotalSeconds, new KeyValuePair<string, object?>("view", view));
        }
    }

    public static void Ingested(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Status)
        {
            case BatchStatus.Invalid:
                EventsRejected.Add(Math.Max(1, result.Outcomes.Count), new KeyValuePair<string, object?>("reason", "invalid"));
                return;
            case BatchStatus.Forbidden:
                EventsRejected.Add(Math.Max(1, result.Outcomes.Count), new KeyValuePair<string, object?>("reason", "forbidden"));
                return;
        }
        EventsAccepted.Add(result.Accepted);
        if (result.Rejected > 0)
        {
            EventsRejected.Add(result.Rejected, new KeyValuePair<string, object?>("reason", "case_history"));
        }
    }

    /// <summary>An alert evaluation committed: alerts it opened, fired and resolved.</summary>
    public static void AlertsEvaluated(int opened, int fired, int resolved)
    {
        AlertTransitions.Add(opened, new KeyValuePair<string, object?>("kind", "open"));
        AlertTransitions.Add(fired, new KeyValuePair<string, object?>("kind", "fire"));
        AlertTransitions.Add(resolved, new KeyValuePair<string, object?>("kind", "resolve"));
    }

    public static void JobFinished(string job, string outcome) =>
        JobOutcomes.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A view key's path without its query (periods would make a label per day).</summary>
    public static string ViewName(string viewKey)
    {
        ArgumentNullException.ThrowIfNull(viewKey);
        var mark = viewKey.IndexOf('?', StringComparison.Ordinal);
        return mark < 0 ? viewKey : viewKey[..mark];
    }

    private static void SeenVersion(long version, long timestamp)
    {
        VersionSeenAt.TryAdd(version, timestamp);
        if (VersionSeenAt.Count > 64)
        {
            foreach (var old in VersionSeenAt.Keys.Order().Take(VersionSeenAt.Count - 32))
            {
                VersionSeenAt.TryRemove(old, out _);
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveScreens() =>
        ScreenSources.Keys.SelectMany(source => source())
            .GroupBy(v => v.Key, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Sum(v => v.Value), new KeyValuePair<string, object?>("view", g.Key)));

    private sealed class Unwatch(Func<IReadOnlyDictionary<string, int>> source) : IDisposable
    {
        public void Dispose() => ScreenSources.TryRemove(source, out _);
    }
}

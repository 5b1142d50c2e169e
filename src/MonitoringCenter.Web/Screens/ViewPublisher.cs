using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Web.Screens;

/// <summary>
/// Keeps, per view that has screens on this node, the last rendered fragments and version. On a
/// refresh it loads each such view once, renders it once, and sends only what changed to the
/// view's group: one query and one render per view per change, whatever the number of screens.
/// </summary>
public sealed partial class ViewPublisher(
    IServiceProvider services,
    IHubContext<WallHub, IWallClient> hub,
    FragmentRenderer renderer,
    ReadModelVersion versions,
    Clock clock,
    ILogger<ViewPublisher> logger)
{
    /// <summary>Changes on every build, so a screen notices a new deployment and reloads once.</summary>
    public static string Deploy { get; } = typeof(ViewPublisher).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    private sealed record ViewState(long Version, Dictionary<string, string> Fragments, string ChartsJson, object? Charts, string UpdatedAt);

    private readonly ConcurrentDictionary<string, IScreenView> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ViewState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>The newest read-model version this node has seen.</summary>
    public long Version => Interlocked.Read(ref _version);

    public int Connections => _connections.Count;

    /// <summary>Screens per view key on this node.</summary>
    public IReadOnlyDictionary<string, int> ConnectionsByView() =>
        _connections.Values.GroupBy(v => v.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Raised with each new version this node publishes, for listeners that are not hub screens.</summary>
    public event Action<long>? VersionPublished;

    public void Track(string connectionId, IScreenView view) => _connections[connectionId] = view;

    public void Untrack(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>The view's full snapshot; loaded once and shared when many screens join together.</summary>
    public async Task<ViewUpdate> CurrentAsync(IScreenView view, CancellationToken cancellationToken)
    {
        var state = _states.TryGetValue(view.Key, out var cached) ? cached : await RebuildAsync(view, Version, cancellationToken);
        return Full(view, state);
    }

    /// <summary>A refresh committed: bring every view with screens here up to <paramref name="version"/> and push the differences.</summary>
    public async Task PublishAsync(long version, CancellationToken cancellationToken)
    {
        InterlockedMax(ref _version, version);
        VersionPublished?.Invoke(version);
        var active = _connections.Values.DistinctBy(v => v.Key).ToList();
        foreach (var key in _states.Keys.Where(k => active.All(v => v.Key != k)))
        {
            // Keys carry periods, so screens can name many over a week: forget the ones nobody shows.
            _states.TryRemove(key, out _);
            _locks.TryRemove(key, out _);
        }
        // A few views at a time: one slow view (the watch lists scan the case rows) must not hold back the pushes
        // of the others queued behind it, nor many views at once crowd the database.
        await Parallel.ForEachAsync(active, new ParallelOptions { MaxDegreeOfParallelism = PublishParallelism, CancellationToken = cancellationToken },
            async (view, ct) => await PublishViewAsync(view, version, ct));
    }

    private const int PublishParallelism = 4;

    private async Task PublishViewAsync(IScreenView view, long version, CancellationToken cancellationToken)
    {
        try
        {
            var before = _states.GetValueOrDefault(view.Key);
            var after = await RebuildAsync(view, version, cancellationToken);
            if (ReferenceEquals(before, after))
            {
                return;
            }
            Operations.CenterMetrics.Pushed(view.Key, after.Version, before is null || before.Version >= after.Version);
            if (before is null || before.Version >= after.Version)
            {
                await hub.Clients.Group(view.Key).ViewChanged(Full(view, after));
                return;
            }
            var changed = after.Fragments.Where(f => !before.Fragments.TryGetValue(f.Key, out var old) || old != f.Value)
                .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            var charts = after.ChartsJson == before.ChartsJson ? null : after.Charts;
            await hub.Clients.Group(view.Key).ViewChanged(new ViewUpdate(view.Key, after.Version, before.Version, false, Deploy, after.UpdatedAt, changed, charts));
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogPublishFailed(logger, view.Key, ex.Message);
        }
    }

    /// <summary>After a gap in the change feed: forget everything and send every view in full.</summary>
    public async Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        _states.Clear();
        await PublishAsync(Version, cancellationToken);
    }

    private async Task<ViewState> RebuildAsync(IScreenView view, long version, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(view.Key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Someone else rebuilt it while we waited: share theirs.
            if (_states.TryGetValue(view.Key, out var existing) && existing.Version >= version)
            {
                return existing;
            }
            if (Version == 0)
            {
                InterlockedMax(ref _version, await versions.CurrentAsync(cancellationToken));
                version = Math.Max(version, Version);
            }
            var content = await view.LoadAsync(services, cancellationToken);
            var fragments = await renderer.RenderAsync(content.Fragments);
            var state = new ViewState(version, fragments, JsonSerializer.Serialize(content.Charts), content.Charts,
                clock.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            _states[view.Key] = state;
            return state;
        }
        finally
        {
            gate.Release();
        }
    }

    private static ViewUpdate Full(IScreenView view, ViewState state) =>
        new(view.Key, state.Version, 0, true, Deploy, state.UpdatedAt, state.Fragments, state.Charts);

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish view {View}: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string view, string reason);
}

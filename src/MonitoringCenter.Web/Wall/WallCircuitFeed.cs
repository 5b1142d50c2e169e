using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Screens;

namespace MonitoringCenter.Web.Wall;

/// <summary>
/// The live national wall for interactive Server circuits (the fan-out benchmark's peer of the
/// push design): the view is loaded once per published version and every circuit re-renders from
/// that one load, so the comparison with the push is about delivery, not about queries.
/// </summary>
public sealed partial class WallCircuitFeed : IDisposable
{
    private readonly ViewPublisher _publisher;
    private readonly IServiceProvider _services;
    private readonly ILogger<WallCircuitFeed> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WallView _view = new(ReportingPeriod.Live);
    private long _loadedVersion = -1;

    public WallCircuitFeed(ViewPublisher publisher, IServiceProvider services, ILogger<WallCircuitFeed> logger)
    {
        _publisher = publisher;
        _services = services;
        _logger = logger;
        _publisher.VersionPublished += OnVersionPublished;
    }

    /// <summary>The last load; null until the first.</summary>
    public ScreenContent? Current { get; private set; }

    /// <summary>Raised after a new version was loaded; circuits re-render from <see cref="Current"/>.</summary>
    public event Action? Changed;

    private int _circuits;

    /// <summary>The screens open on the feed (circuits and prerenders in progress).</summary>
    public int Circuits => Volatile.Read(ref _circuits);

    /// <summary>The content now, loading it when no circuit was open yet.</summary>
    public async Task<ScreenContent> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _circuits);
        await LoadAsync(_publisher.Version, cancellationToken);
        return Current!;
    }

    public void Close() => Interlocked.Decrement(ref _circuits);

    private void OnVersionPublished(long version)
    {
        if (Volatile.Read(ref _circuits) > 0)
        {
            _ = LoadAndAnnounceAsync(version);
        }
    }

    private async Task LoadAndAnnounceAsync(long version)
    {
        try
        {
            if (await LoadAsync(version, CancellationToken.None))
            {
                Changed?.Invoke();
            }
        }
        catch (Exception ex) when (DatabaseProblemOrCancelled(ex))
        {
            LogLoadFailed(_logger, ex.Message);
        }
    }

    private async Task<bool> LoadAsync(long version, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Current is not null && _loadedVersion >= version)
            {
                return false;
            }
            Current = await _view.LoadAsync(_services, cancellationToken);
            _loadedVersion = version;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool DatabaseProblemOrCancelled(Exception ex) => Platform.DatabaseProblem.Is(ex) || ex is OperationCanceledException;

    public void Dispose()
    {
        _publisher.VersionPublished -= OnVersionPublished;
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The circuit wall could not load a new version: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string reason);
}

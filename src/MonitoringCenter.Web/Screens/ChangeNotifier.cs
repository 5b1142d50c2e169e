using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Screens;

/// <summary>
/// Tells the interactive pages open on this node that something they list changed, so they reload
/// in place. The change must take a new read-model version (a trigger announcing it on the change
/// feed, as alert transitions and directive events do); on each version the
/// <see cref="ViewPublisher"/> publishes, and only while a page is subscribed, this asks the
/// database for the newest change (<see cref="LastChangeAsync"/>): one tiny query per node per
/// version, none while nothing changes, whatever the number of pages.
/// </summary>
public abstract partial class ChangeNotifier(ViewPublisher publisher, ILogger logger) : IHostedService
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private long _lastChange = -1;
    // A look is running (1) and another version arrived meanwhile (2): the running look goes round once more.
    private int _looking;

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>The newest change's mark (an id that only grows).</summary>
    protected abstract Task<long> LastChangeAsync(CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="changed"/> after a change, until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<Task> changed)
    {
        var subscription = new Subscription(this, changed);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Looks for a new change now and tells the subscribers if there is one.</summary>
    /// <returns>Whether something changed since the last look.</returns>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken = default)
    {
        var last = await LastChangeAsync(cancellationToken);
        if (Interlocked.Exchange(ref _lastChange, last) == last)
        {
            return false;
        }
        Subscription[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscriptions];
        }
        await Task.WhenAll(subscribers.Select(NotifyAsync));
        return true;
    }

    private async Task NotifyAsync(Subscription subscriber)
    {
        try
        {
            await subscriber.Changed();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSubscriberFailed(logger, GetType().Name, ex);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        publisher.VersionPublished += OnVersionPublished;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        publisher.VersionPublished -= OnVersionPublished;
        return Task.CompletedTask;
    }

    // Called on the publisher's path: never wait there.
    private void OnVersionPublished(long version)
    {
        if (Subscribers > 0 && Interlocked.Exchange(ref _looking, 2) == 0)
        {
            _ = LookAsync();
        }
    }

    private async Task LookAsync()
    {
        do
        {
            Interlocked.Exchange(ref _looking, 1);
            try
            {
                await CheckAsync();
            }
            catch (Exception ex) when (DatabaseProblem.Is(ex))
            {
                // The pages say so themselves when they next load; the next version looks again.
                LogCheckFailed(logger, GetType().Name, ex.Message);
            }
        }
        while (Interlocked.CompareExchange(ref _looking, 0, 1) != 1);
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(ChangeNotifier owner, Func<Task> changed) : IDisposable
    {
        public Func<Task> Changed => changed;

        public void Dispose() => owner.Remove(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page failed to reload after a change ({Notifier})")]
    private static partial void LogSubscriberFailed(ILogger logger, string notifier, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Notifier} could not look for changes: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string notifier, string reason);
}

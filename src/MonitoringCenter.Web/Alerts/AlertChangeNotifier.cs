using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Screens;


namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// Tells the alert consoles open on this node that alerts changed, so they reload in place. Every
/// alert transition takes a new read-model version (migration 0030) that the change feed hands to
/// the <see cref="ViewPublisher"/>; on each version it publishes, and only while a console is open,
/// this asks the database for the newest transition: one tiny query per node per change, none
/// while nothing changes, whatever the number of consoles.
/// </summary>
public sealed partial class AlertChangeNotifier(AlertQueries queries, ViewPublisher publisher, ILogger<AlertChangeNotifier> logger)
    : IHostedService
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private long _lastTransition = -1;
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

    /// <summary>Calls <paramref name="changed"/> after alerts changed, until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<Task> changed)
    {
        var subscription = new Subscription(this, changed);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Looks for a new transition now and tells the subscribers if there is one.</summary>
    /// <returns>Whether alerts changed since the last look.</returns>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken = default)
    {
        var last = await queries.LastTransitionAsync(cancellationToken);
        if (Interlocked.Exchange(ref _lastTransition, last) == last)
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
            LogSubscriberFailed(logger, ex);
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
                // The consoles say so themselves when they next load; the next version looks again.
                LogCheckFailed(logger, ex.Message);
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

    private sealed class Subscription(AlertChangeNotifier owner, Func<Task> changed) : IDisposable
    {
        public Func<Task> Changed => changed;

        public void Dispose() => owner.Remove(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert console failed to reload after a change")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look for alert changes: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}

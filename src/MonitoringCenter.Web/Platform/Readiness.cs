namespace MonitoringCenter.Web.Platform;

/// <summary>A one-way signal that something this node needs first is in place; waiting on it never fails.</summary>
public abstract class Readiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}

namespace MonitoringCenter.Web.Platform;

/// <summary>Completes once this node has applied the migrations, for writers that must not run before.</summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}

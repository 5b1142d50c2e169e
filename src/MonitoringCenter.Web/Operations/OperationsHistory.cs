using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MonitoringCenter.Web.Operations;

/// <summary>Samples the operator page's figures every <see cref="OperationsOptions.SampleInterval"/> and keeps <see cref="OperationsOptions.History"/> of them, in memory.</summary>
public sealed class OperationsHistory(OperationsQueries queries, IOptions<OperationsOptions> options) : BackgroundService
{
    private readonly ConcurrentQueue<OperationsSnapshot> _samples = new();

    public IReadOnlyList<OperationsSnapshot> Samples => [.. _samples];

    public void Add(OperationsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _samples.Enqueue(snapshot);
        while (_samples.TryPeek(out var oldest) && snapshot.At - oldest.At > options.Value.History)
        {
            _samples.TryDequeue(out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval);
        do
        {
            Add(await queries.SnapshotAsync(options.Value.CheckTimeout * 2, stoppingToken));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Demo;

/// <summary>
/// In the demo, makes the running statistical year move: cases are accepted and classified,
/// payments collected, cases completed, at <see cref="SimulatorOptions.EventsPerSecond"/>, all
/// through <see cref="CaseEventService"/> exactly as a source system's events arrive. Provinces
/// are drawn by population, amounts from a heavy tail, high-value cases where the money is. Off
/// unless <c>Demo:Simulator:Enabled</c>.
/// </summary>
public sealed partial class DemoSimulator(
    IServiceProvider services,
    Clock clock,
    IOptions<DemoOptions> options,
    ILogger<DemoSimulator> logger) : BackgroundService
{
    private sealed class OpenCase(string id, string province, string office, long amount)
    {
        public string Id { get; } = id;
        public string Province { get; } = province;
        public string Office { get; } = office;
        public long Amount { get; } = amount;
        public long Collected { get; set; }
    }

    private readonly Random _random = new();
    private readonly List<OpenCase> _open = [];
    private long _sequence;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Simulator;
        if (!settings.Enabled || settings.EventsPerSecond <= 0)
        {
            return;
        }
        await services.GetRequiredService<DatabaseReadiness>().Ready.WaitAsync(stoppingToken);
        var service = services.GetRequiredService<CaseEventService>();
        var caller = IngestionCaller.System("demo-simulator");
        var provinces = ReferenceData.Provinces;
        var weights = provinces.Select(p => (double)p.Population).ToArray();
        var total = weights.Sum();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / settings.EventsPerSecond));
        LogStarted(logger, settings.EventsPerSecond);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var events = NextEvents(provinces, weights, total);
            try
            {
                var result = await service.ApplyAsync(events, caller, stoppingToken);
                if (result.Status != BatchStatus.Applied || result.Rejected > 0)
                {
                    LogRefused(logger, result.Status.ToString(), result.Rejected);
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogFailed(logger, ex.Message);
            }
        }
    }

    private List<CaseEvent> NextEvents(IReadOnlyList<Province> provinces, double[] weights, double total)
    {
        var now = clock.Now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var roll = _random.NextDouble();
        CaseEvent Event(string type, OpenCase c, long? amount = null, bool? withConditions = null, string? category = null) => new()
        {
            EventId = $"sim-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}",
            Type = type, CaseId = c.Id, Province = c.Province, Office = c.Office, OccurredAt = now,
            Amount = amount, WithConditions = withConditions, Category = category,
        };
        if (_open.Count < 20 || roll < 0.4)
        {
            // A new case: accepted and, most often, classified with conditions the same day.
            // One case in forty is high-value (10–60 tỷ đồng), and those go where the money is: Hồ Chí Minh
            // City about 40 %, Hà Nội 15 %, the rest by population. The watch lists then move in the demo.
            var highValue = _random.NextDouble() < 0.025;
            var province = highValue ? PickForMoney(provinces, weights, total) : Pick(provinces, weights, total);
            var office = ReferenceData.OfficeCode(province.Code, 1 + _random.Next(province.RegionalOffices));
            var amount = highValue
                ? 10_000_000_000 + (long)(_random.NextDouble() * 50_000_000_000)
                : (long)Math.Min(50_000_000_000, 2_000_000 * Math.Pow(1 - _random.NextDouble(), -1 / 1.3));
            var c = new OpenCase($"SIM-{Guid.NewGuid():N}", province.Code, office, amount);
            var category = _random.NextDouble() switch { < 0.02 => "corruption-economic", < 0.06 => "credit-banking", < 0.062 => "administrative", _ => "other" };
            var withConditions = _random.NextDouble() < 0.65;
            if (withConditions)
            {
                _open.Add(c);
            }
            var accepted = Event("accepted", c, amount, category: category);
            if (category == "corruption-economic" && _random.NextDouble() < (highValue ? 0.6 : 0.2))
            {
                accepted = accepted with { SteeringCommittee = true };
            }
            return [accepted, Event("classified", c, withConditions: withConditions)];
        }
        var index = _random.Next(_open.Count);
        var open = _open[index];
        if (roll < 0.7 && open.Collected < open.Amount)
        {
            var part = Math.Max(1, (long)((open.Amount - open.Collected) * (0.3 + (0.7 * _random.NextDouble()))));
            open.Collected += part;
            return [Event("payment", open, part)];
        }
        _open.RemoveAt(index);
        var rest = open.Amount - open.Collected;
        return rest > 0 && _random.NextDouble() < 0.8
            ? [Event("payment", open, rest), Event("completed", open)]
            : [Event("completed", open)];
    }

    private Province PickForMoney(IReadOnlyList<Province> provinces, double[] weights, double total) => _random.NextDouble() switch
    {
        < 0.40 => provinces.First(p => p.Code == "79"),
        < 0.55 => provinces.First(p => p.Code == "01"),
        _ => Pick(provinces, weights, total),
    };

    private Province Pick(IReadOnlyList<Province> provinces, double[] weights, double total)
    {
        var x = _random.NextDouble() * total;
        for (var i = 0; i < provinces.Count; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return provinces[i];
            }
        }
        return provinces[^1];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo simulator: {Rate} events per second through the ingestion service")]
    private static partial void LogStarted(ILogger logger, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo simulator: batch {Status}, {Rejected} rejected")]
    private static partial void LogRefused(ILogger logger, string status, int rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo simulator: could not write ({Reason})")]
    private static partial void LogFailed(ILogger logger, string reason);
}

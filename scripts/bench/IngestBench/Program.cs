using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Npgsql;

// Sustained events/s through POST /api/v1/events on loopback: batches of 100 and 1,000, change feed
// on and off. "Off" disables the NOTIFY trigger on refresh_dirty in the bench database; rows are
// still marked dirty in the same transaction (that is the contract), only the notification goes.
// Usage: IngestBench <path to MonitoringCenter.Web.dll> [seconds per run]
var appDll = args.Length > 0 ? args[0] : throw new ArgumentException("usage: IngestBench <MonitoringCenter.Web.dll> [seconds per run]");
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var admin = Environment.GetEnvironmentVariable("MC_DATABASE_URL") is { Length: > 0 } url ? url
    : "Host=127.0.0.1;Port=5433;Database=monitoring;Username=monitoring;Password=monitoring";
var database = $"mc_bench_{Guid.NewGuid():N}"[..24];
var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
await Sql(admin, $"create database \"{database}\"");
Process? app = null;
try
{
    var environment = new Dictionary<string, string>
    {
        ["Database__ConnectionString"] = connectionString,
        ["Ingestion__RequestsPerSecond"] = "1000000",
        ["Ingestion__Burst"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
    };
    var create = await RunAsync(appDll, ["apikey", "create", "--name", "bench", "--all"], environment);
    var key = create.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("mck_", StringComparison.Ordinal));
    var port = FreePort();
    var address = new Uri($"http://127.0.0.1:{port}");
    app = Start(appDll, ["--urls", address.ToString()], environment);
    using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    await WaitUntilUpAsync(client);

    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime)
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    var results = new List<(string Feed, int Batch, double EventsPerSecond, double P50, double P95, int Rejected)>();
    foreach (var batch in new[] { 100, 1000 })
    {
        foreach (var feed in new[] { true, false })
        {
            await Sql(connectionString, $"alter table refresh_dirty {(feed ? "enable" : "disable")} trigger refresh_dirty_changed");
            // A short warm-up, then the measured run.
            await MeasureAsync(client, batch, TimeSpan.FromSeconds(2), today);
            var (eventsPerSecond, p50, p95, rejected) = await MeasureAsync(client, batch, TimeSpan.FromSeconds(seconds), today);
            results.Add((feed ? "on" : "off", batch, eventsPerSecond, p50, p95, rejected));
            Console.Error.WriteLine(FormattableString.Invariant($"  batch {batch}, feed {(feed ? "on" : "off")}: {eventsPerSecond:F0} events/s"));
        }
    }
    Console.WriteLine();
    Console.WriteLine(FormattableString.Invariant($"Ingestion benchmark: {Environment.ProcessorCount} cores, 4 concurrent senders, {seconds} s per run, loopback HTTP, PostgreSQL synchronous_commit on"));
    Console.WriteLine("| batch | change feed | events/s | p50 ms/batch | p95 ms/batch | rejected |");
    Console.WriteLine("|------:|:-----------:|---------:|-------------:|-------------:|---------:|");
    foreach (var r in results)
    {
        Console.WriteLine(FormattableString.Invariant($"| {r.Batch,5} | {r.Feed,-11} | {r.EventsPerSecond,8:F0} | {r.P50,12:F1} | {r.P95,12:F1} | {r.Rejected,8} |"));
    }
    foreach (var batch in new[] { 100, 1000 })
    {
        var on = results.Single(r => r.Batch == batch && r.Feed == "on").EventsPerSecond;
        var off = results.Single(r => r.Batch == batch && r.Feed == "off").EventsPerSecond;
        Console.WriteLine(FormattableString.Invariant($"batch {batch}: the change feed costs {(off - on) / off * 100:F1}% (negative: within noise)"));
    }
    return 0;
}
finally
{
    if (app is { HasExited: false })
    {
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync();
    }
    NpgsqlConnection.ClearAllPools();
    await DropAsync(admin, database);
}

// "with (force)" cannot end an autovacuum worker without superuser rights: wait for it instead.
static async Task DropAsync(string admin, string database)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await Sql(admin, $"drop database if exists \"{database}\"");
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 30)
        {
            await Task.Delay(1000);
        }
    }
}

static async Task<(double EventsPerSecond, double P50, double P95, int Rejected)> MeasureAsync(HttpClient client, int batch, TimeSpan duration, string today)
{
    const int senders = 4;
    var latencies = new List<double>();
    var accepted = 0L;
    var rejected = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, senders).Select(async sender =>
    {
        var random = new Random(sender * 7919 + batch);
        var open = new List<(string Case, string Office)>();
        while (watch.Elapsed < duration)
        {
            var events = new List<object>(batch);
            for (var i = 0; i < batch; i++)
            {
                var roll = random.Next(4);
                if (roll < 2 || open.Count < batch)
                {
                    // A new case in any province.
                    var province = Provinces[random.Next(Provinces.Length)];
                    var office = $"{province}-{random.Next(1, 4):00}";
                    var caseId = Guid.NewGuid().ToString("N");
                    events.Add(new { eventId = Guid.NewGuid().ToString("N"), type = "accepted", caseId, province, office, occurredAt = today, category = "other", amount = 50_000_000 });
                    open.Add((caseId, office));
                }
                else
                {
                    // A follow-up on a case accepted in an earlier batch.
                    var (caseId, office) = open[random.Next(open.Count - batch)];
                    events.Add(roll == 2
                        ? new { eventId = Guid.NewGuid().ToString("N"), type = "classified", caseId, province = office[..2], office, occurredAt = today, withConditions = true }
                        : new { eventId = Guid.NewGuid().ToString("N"), type = "payment", caseId, province = office[..2], office, occurredAt = today, amount = 10_000L });
                }
            }
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/v1/events", new { events });
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            var body = await response.Content.ReadFromJsonAsync<Reply>();
            lock (latencies)
            {
                latencies.Add(elapsed);
                accepted += body!.Accepted;
                rejected += body.Rejected;
            }
        }
    }));
    var total = watch.Elapsed.TotalSeconds;
    latencies.Sort();
    return (accepted / total, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.95)], rejected);
}

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static Process Start(string dll, string[] arguments, Dictionary<string, string> environment)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    info.ArgumentList.Add(dll);
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }
    foreach (var (name, value) in environment)
    {
        info.Environment[name] = value;
    }
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task<string> RunAsync(string dll, string[] arguments, Dictionary<string, string> environment)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
    info.ArgumentList.Add(dll);
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }
    foreach (var (name, value) in environment)
    {
        info.Environment[name] = value;
    }
    using var process = Process.Start(info)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    return process.ExitCode == 0 ? output : throw new InvalidOperationException($"apikey create failed: {output}");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitUntilUpAsync(HttpClient client)
{
    for (var i = 0; i < 120; i++)
    {
        try
        {
            if ((await client.GetAsync("/openapi/v1.json")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }
        await Task.Delay(500);
    }
    throw new TimeoutException("The app did not start within 60 s.");
}

internal sealed record Reply(int Accepted, int Duplicates, int Rejected);

internal static partial class Program
{
    private static readonly string[] Provinces = ["01", "79", "31", "48", "92", "04", "08", "33", "46", "56"];
}

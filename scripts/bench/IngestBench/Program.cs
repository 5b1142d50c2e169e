using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Npgsql;

// Sustained events/s through POST /api/v1/events on loopback: batches of 100 and 1,000, change feed
// on and off. "On" is the app as deployed: every committed batch wakes the refresh at once and the
// wall screens follow. "Off" (Live:RefreshOnChange=false) leaves the figure changes recorded in the
// same transaction (that is the contract) for the scheduled refresh only. Each mode runs against a
// fresh database and app process; after a discarded warm-up run, the modes alternate over
// BENCH_ROUNDS rounds (on/off, then off/on, ...) so that drift of the machine falls on both, and
// the figures are the means.
// Usage: IngestBench <path to MonitoringCenter.Web.dll> [seconds per run] [rounds]
var appDll = args.Length > 0 ? args[0] : throw new ArgumentException("usage: IngestBench <MonitoringCenter.Web.dll> [seconds per run] [rounds]");
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
var admin = Environment.GetEnvironmentVariable("MC_DATABASE_URL") is { Length: > 0 } url ? url
    : "Host=127.0.0.1;Port=5433;Database=monitoring;Username=monitoring;Password=monitoring";
var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime)
    .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
// The first app process after a build runs well below the rest whatever its mode (cold machine):
// one short run of each batch size is made first and thrown away.
Console.Error.WriteLine("warm-up run (not counted):");
await RunAppAsync(appDll, admin, feed: true, seconds: 5, today);
var results = new List<Result>();
for (var round = 0; round < rounds; round++)
{
    foreach (var feed in round % 2 == 0 ? new[] { true, false } : [false, true])
    {
        results.AddRange(await RunAppAsync(appDll, admin, feed, seconds, today));
    }
}
Console.WriteLine();
Console.WriteLine(FormattableString.Invariant(
    $"Ingestion benchmark: {Environment.ProcessorCount} cores, 4 concurrent senders, {seconds} s per run, {rounds} rounds (means), loopback HTTP, PostgreSQL synchronous_commit on"));
Console.WriteLine("| batch | change feed | events/s | p50 ms/batch | p95 ms/batch | rejected | read-model refreshes per run: count, mean/max ms | refreshing, % of the run |");
Console.WriteLine("|------:|:-----------:|---------:|-------------:|-------------:|---------:|:-------------------------------------------------|-------------------------:|");
foreach (var group in results.GroupBy(r => (r.Batch, r.Feed)).OrderBy(g => g.Key.Batch).ThenByDescending(g => g.Key.Feed))
{
    Console.WriteLine(FormattableString.Invariant(
        $"| {group.Key.Batch,5} | {(group.Key.Feed ? "on" : "off"),-11} | {group.Average(r => r.EventsPerSecond),8:F0} | {group.Average(r => r.P50),12:F1} | {group.Average(r => r.P95),12:F1} | {group.Sum(r => r.Rejected),8} | {group.Average(r => r.Refreshes):F1}, {group.Average(r => r.RefreshMeanMs):F0}/{group.Max(r => r.RefreshMaxMs):F0} | {group.Average(r => r.Refreshes * r.RefreshMeanMs) / (seconds * 10.0),24:F1} |"));
}
foreach (var batch in new[] { 100, 1000 })
{
    var on = results.Where(r => r.Batch == batch && r.Feed).Average(r => r.EventsPerSecond);
    var off = results.Where(r => r.Batch == batch && !r.Feed).Average(r => r.EventsPerSecond);
    var each = string.Join(", ", results.Where(r => r.Batch == batch).Select(r => FormattableString.Invariant($"{(r.Feed ? "on" : "off")} {r.EventsPerSecond:F0}")));
    Console.WriteLine(FormattableString.Invariant($"batch {batch}: the change feed costs {(off - on) / off * 100:F1}% of throughput (negative: within noise); runs in order: {each}"));
}
Console.WriteLine("\"refreshing\": the time the change feed's refreshes ran, as a share of the run (one database backend busy that long);");
Console.WriteLine("throughput varies by tens of percent between identical runs on this shared machine, so read both figures.");
return 0;

// One app process with the change feed on or off, against a fresh database: batch 100, then 1,000.
static async Task<List<Result>> RunAppAsync(string appDll, string admin, bool feed, int seconds, string today)
{
    var database = $"mc_bench_{Guid.NewGuid():N}"[..24];
    var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    await Sql(admin, $"create database \"{database}\"");
    AppProcess? app = null;
    var answered = false;
    try
    {
        var environment = new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = connectionString,
            ["Ingestion__RequestsPerSecond"] = "1000000",
            ["Ingestion__Burst"] = "1000000",
            ["Live__RefreshOnChange"] = feed ? "true" : "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var create = await RunAsync(appDll, ["apikey", "create", "--name", "bench", "--all"], environment);
        var key = create.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("mck_", StringComparison.Ordinal));
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        app = Start(appDll, ["--urls", address.ToString()], environment);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await WaitUntilUpAsync(client, app);
        answered = true;
        var results = new List<Result>();
        foreach (var batch in new[] { 100, 1000 })
        {
            // A warm-up (JIT, caches, the first build of the read models), then the measured run.
            await MeasureAsync(client, batch, TimeSpan.FromSeconds(5), today);
            var since = DateTime.UtcNow;
            var (eventsPerSecond, p50, p95, rejected) = await MeasureAsync(client, batch, TimeSpan.FromSeconds(seconds), today);
            var (count, mean, max) = await RefreshesAsync(connectionString, since);
            results.Add(new Result(feed, batch, eventsPerSecond, p50, p95, rejected, count, mean, max));
            Console.Error.WriteLine(FormattableString.Invariant($"  batch {batch}, feed {(feed ? "on" : "off")}: {eventsPerSecond:F0} events/s, {count} refreshes"));
        }
        return results;
    }
    catch (Exception ex) when (answered && app is { Process.HasExited: true })
    {
        throw app.Failure($"The app exited (code {app.Process.ExitCode}) during the run ({ex.Message})");
    }
    finally
    {
        if (app is { Process.HasExited: false })
        {
            app.Process.Kill(entireProcessTree: true);
            await app.Process.WaitForExitAsync();
        }
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DATABASE") == "1")
        {
            Console.Error.WriteLine($"kept the bench database {database}");
        }
        else
        {
            await DropAsync(admin, database);
        }
    }
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

// The refreshes that ran while events were coming in (the change feed's or the scheduled one's).
static async Task<(long Count, double MeanMs, double MaxMs)> RefreshesAsync(string connectionString, DateTime since)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        select count(*), coalesce(avg(extract(epoch from finished_at - started_at) * 1000), 0)::float8,
               coalesce(max(extract(epoch from finished_at - started_at) * 1000), 0)::float8
        from refresh_run where started_at >= $1
        """, connection);
    command.Parameters.Add(new NpgsqlParameter { Value = since });
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2));
}

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

// The app with its output kept: the last lines go into the error when it exits or does not answer.
static AppProcess Start(string dll, string[] arguments, Dictionary<string, string> environment)
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
    var app = new AppProcess(process);
    process.OutputDataReceived += (_, e) => app.Keep(e.Data);
    process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return app;
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

static async Task WaitUntilUpAsync(HttpClient client, AppProcess app)
{
    for (var i = 0; i < 120; i++)
    {
        if (app.Process.HasExited)
        {
            throw app.Failure($"The app exited (code {app.Process.ExitCode}) before it answered");
        }
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
    throw app.Failure("The app did not answer within 60 s");
}

internal sealed record Reply(int Accepted, int Duplicates, int Rejected);

internal sealed record Result(bool Feed, int Batch, double EventsPerSecond, double P50, double P95, int Rejected, long Refreshes, double RefreshMeanMs,
    double RefreshMaxMs);

internal static partial class Program
{
    private static readonly string[] Provinces = ["01", "79", "31", "48", "92", "04", "08", "33", "46", "56"];
}

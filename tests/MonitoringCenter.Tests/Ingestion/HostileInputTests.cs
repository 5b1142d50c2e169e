using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MonitoringCenter.Tests.Ingestion;

/// <summary>
/// Thousands of generated malformed requests against the running app: none may produce a 5xx,
/// each must be refused with problem details, and the source tables must not change at all.
/// In the demo-data collection so its ten thousand requests do not compete with the demo load's COPY.
/// </summary>
[Collection(MonitoringCenter.Tests.Infrastructure.DemoData.Name)]
[Trait("Category", "Database")]
public sealed partial class HostileInputTests(IngestionApp ingestion) : IClassFixture<IngestionApp>
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._:/-]{1,100}$")]
    private static partial System.Text.RegularExpressions.Regex Identifier();

    private const int Payloads = 10_000;

    private static readonly string[] Strings =
    [
        "'; drop table enforcement_case; --", "1 OR 1=1", "\" or \"\"=\"", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "${jndi:ldap://x/a}", "../../etc/passwd", "\u0000", "\u202e79", "ＡＢＣ", "🙂", "", " ", "null", "NaN", "Infinity", "-0",
        new string('9', 400), new string('x', 5_000), "79\n", "79-3", "790", "00", "99", "99-01", "79-99", "01-1",
    ];

    private static readonly JsonNode?[] WrongTypes =
    [
        JsonValue.Create(true), JsonValue.Create(1.5), JsonValue.Create(-1), new JsonArray(), new JsonObject(), new JsonArray(1, 2),
        new JsonObject { ["$ne"] = 1 }, JsonValue.Create(1e300), JsonValue.Create(long.MinValue),
    ];

    private static readonly string[] RawNumbers =
    [
        "-1", "-9223372036854775808", "9223372036854775808", "1e30", "1.5", "1E400", "0.0000001", "-0.5", "99999999999999999999999999",
        "1000000000000000001", "2e15",
    ];

    private static readonly string[] Shapes =
        ["", "null", "[]", "42", "\"events\"", "{}", "{\"events\":null}", "{\"events\":{}}", "{\"events\":\"x\"}", "{\"events\":[null]}", "{\"events\":[1,2]}", "{\"events\":[]}"];

    private static readonly string[] BadDates =
    [
        "2026-13-01", "2026-02-30", "2019-09-30", "2099-01-01", "2026-10-05T10:00:00", "yesterday", "05/10/2026", "2026-10-05T25:00:00+07:00",
        "2026-10-05T10:00:00+25:00", "0001-01-01", "9999-12-31T23:59:59Z", "2026-10-05 10:00", "",
    ];

    private static JsonObject ValidEvent(Random random)
    {
        var office = $"79-{random.Next(1, 10):00}";
        return new JsonObject
        {
            ["eventId"] = $"hostile-{random.Next():x}", ["type"] = "accepted", ["caseId"] = $"HOSTILE-{random.Next():x}",
            ["province"] = "79", ["office"] = office, ["occurredAt"] = "2026-10-05", ["category"] = "other", ["amount"] = 1_000,
        };
    }

    private static JsonObject ValidReport() => JsonNode.Parse(JsonSerializer.Serialize(ReportsApiTests.Report("79", "official", 1)))!.AsObject();

    /// <summary>One malformed request: body, content type, and a label saying what was wrong with it.</summary>
    private static (byte[] Body, string ContentType, string Path, string Label) Generate(Random random, int n)
    {
        var kind = n % 10;
        switch (kind)
        {
            case 0 or 1 or 2 or 3:
            {
                // A batch of valid events with one field of one event broken: the whole batch must be refused.
                var batch = new JsonArray();
                var count = random.Next(1, 6);
                for (var i = 0; i < count; i++)
                {
                    batch.Add(ValidEvent(random));
                }
                var target = batch[random.Next(count)]!.AsObject();
                var field = new[] { "eventId", "type", "caseId", "province", "office", "occurredAt", "category", "amount" }[random.Next(8)];
                var how = random.Next(4);
                string label;
                if (how == 0 && field != "amount")
                {
                    target.Remove(field);
                    label = $"missing {field}";
                }
                else if (how == 1)
                {
                    target[field] = WrongTypes[random.Next(WrongTypes.Length)]?.DeepClone();
                    label = $"wrong type {field}";
                    if (field == "amount" && target[field] is JsonValue v && v.TryGetValue<long>(out var l) && l >= 0)
                    {
                        target[field] = -1;
                    }
                }
                else if (field == "amount")
                {
                    var raw = RawNumbers[random.Next(RawNumbers.Length)];
                    var text = new JsonObject { ["events"] = batch }.ToJsonString().Replace("\"amount\":1000", "\"amount\":" + raw, StringComparison.Ordinal);
                    return (Encoding.UTF8.GetBytes(text), "application/json", "/api/v1/events", $"amount {raw}");
                }
                else if (field == "occurredAt")
                {
                    target[field] = BadDates[random.Next(BadDates.Length)];
                    label = "bad date";
                }
                else
                {
                    // Ids may be any short identifier, so only strings that are not one are hostile there.
                    var pool = field is "eventId" or "caseId" ? Strings.Where(s => !Identifier().IsMatch(s)).ToArray() : Strings;
                    target[field] = pool[random.Next(pool.Length)];
                    label = $"bad string {field}";
                }
                if (random.Next(5) == 0)
                {
                    target["statYear"] = 2024;
                }
                return (Encoding.UTF8.GetBytes(new JsonObject { ["events"] = batch }.ToJsonString()), "application/json", "/api/v1/events", label);
            }
            case 4:
            {
                // Broken JSON text: truncated, bad UTF-8, duplicates, comments, wrong shapes.
                var valid = new JsonObject { ["events"] = new JsonArray(ValidEvent(random)) }.ToJsonString();
                var variants = new Func<byte[]>[]
                {
                    () => Encoding.UTF8.GetBytes(valid[..random.Next(1, valid.Length - 1)]),
                    () => Encoding.UTF8.GetBytes(valid).Select((b, i) => i == valid.IndexOf("HOSTILE", StringComparison.Ordinal) ? (byte)0xFF : b).ToArray(),
                    () => [.. Encoding.UTF8.GetBytes("{\"events\":[{\"eventId\":\""), 0xC3, 0x28, 0xA0, 0xA1, .. Encoding.UTF8.GetBytes("\"}]}")],
                    () => Encoding.UTF8.GetBytes(valid.Replace("\"type\":\"accepted\"", "\"type\":\"accepted\",\"type\":\"payment\"", StringComparison.Ordinal)),
                    () => Encoding.UTF8.GetBytes("/* hi */" + valid),
                    () => Encoding.UTF8.GetBytes(valid.Replace("}]}", "},]}", StringComparison.Ordinal)),
                    () => Encoding.UTF8.GetBytes(Shapes[random.Next(Shapes.Length)]),
                    () => Encoding.UTF8.GetBytes(valid.Replace("1000", "0x10", StringComparison.Ordinal)),
                    () => Encoding.UTF8.GetBytes(valid.Replace("\"", "'", StringComparison.Ordinal)),
                    () => Encoding.Unicode.GetBytes(valid),
                };
                var which = random.Next(variants.Length);
                return (variants[which](), "application/json", "/api/v1/events", $"broken json {which}");
            }
            case 5:
            {
                // Deep nesting and big arrays.
                var depth = random.Next(20, 3_000);
                var nested = new string('[', depth) + new string(']', depth);
                var variants = new[]
                {
                    "{\"events\":" + nested + "}",
                    "{\"events\":[{\"eventId\":" + nested + "}]}",
                    "{\"events\":[" + string.Join(",", Enumerable.Repeat("{}", random.Next(1_001, 20_000))) + "]}",
                    "{\"events\":[{\"extra\":" + new string('{', depth).Replace("{", "{\"a\":", StringComparison.Ordinal) + "1" + new string('}', depth) + "}]}",
                    "{\"events\":[" + string.Join(",", Enumerable.Repeat("1", random.Next(1, 50_000))) + "]}",
                };
                var which = random.Next(variants.Length);
                return (Encoding.UTF8.GetBytes(variants[which]), "application/json", "/api/v1/events", $"nesting {which}");
            }
            case 6:
            {
                // Right JSON, wrong or missing content type, or a charset we refuse.
                var body = Encoding.UTF8.GetBytes(new JsonObject { ["events"] = new JsonArray(ValidEvent(random)) }.ToJsonString());
                var type = new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1", "multipart/form-data", "garbage" }[random.Next(6)];
                return (body, type, "/api/v1/events", $"content type {type}");
            }
            case 7:
            {
                // Reports with a broken field.
                var report = ValidReport();
                var line = report["categories"]![0]!.AsObject();
                var field = new[] { "province", "statYear", "months", "version", "categories", "category", "casesToEnforce", "moneyCollected", "moneyWithConditions", "office" }[random.Next(10)];
                var target = field is "category" or "casesToEnforce" or "moneyCollected" or "moneyWithConditions" ? line : report;
                var value = random.Next(3) switch
                {
                    0 => WrongTypes[random.Next(WrongTypes.Length)]?.DeepClone(),
                    1 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
                    _ => JsonValue.Create(-random.Next(1, 1_000_000)),
                };
                if (field == "months" && value is JsonValue m && m.TryGetValue<int>(out var months) && months is >= 1 and <= 12)
                {
                    value = 13;
                }
                target[field] = value;
                return (Encoding.UTF8.GetBytes(report.ToJsonString()), "application/json", "/api/v1/reports", $"report {field}");
            }
            case 8:
            {
                // CSV reports that are wrong somewhere.
                const string header = "province,office,stat_year,months,period_end,version,category,cases_to_enforce,cases_with_conditions,cases_completed,money_to_enforce,money_with_conditions,money_collected";
                var good = new[] { "79", "", "2027", "1", "", "official", "other", "10", "5", "2", "100", "50", "20" };
                var fields = (string[])good.Clone();
                var column = random.Next(fields.Length);
                fields[column] = column == 1 ? "01-01" : Strings[random.Next(Strings.Length)].Replace(",", ";", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
                if (fields[column] == good[column] || fields[column].All(char.IsAsciiDigit) || (column == 4 && fields[column].Length == 0) || (column == 3 && fields[column].Length == 0))
                {
                    fields[column] = "-1";
                }
                var variants = new[]
                {
                    header + "\n" + string.Join(",", fields) + "\n",
                    header.Replace("money_collected", "money", StringComparison.Ordinal) + "\n" + string.Join(",", good) + "\n",
                    header + "\n" + string.Join(",", good.Take(12)) + "\n",
                    header + "\n" + string.Join(",", good) + "\n" + string.Join(",", good) + "\n" + string.Join(",", good.Select((f, i) => i == 0 ? "01" : f)) + "\n",
                    header + "\n",
                };
                var which = random.Next(variants.Length);
                var bytes = Encoding.UTF8.GetBytes(variants[which]);
                if (random.Next(4) == 0)
                {
                    bytes = [.. bytes, 0xFF, 0xFE];
                }
                return (bytes, "text/csv", "/api/v1/reports", $"csv {which}");
            }
            default:
            {
                // A valid-looking batch that hides SQL and script text in every string field.
                var e = ValidEvent(random);
                var s = Strings[random.Next(4)];
                foreach (var field in new[] { "eventId", "caseId", "category" })
                {
                    e[field] = s;
                }
                return (Encoding.UTF8.GetBytes(new JsonObject { ["events"] = new JsonArray(e) }.ToJsonString()), "application/json", "/api/v1/events", "sql/script");
            }
        }
    }

    [Fact]
    public async Task TenThousandMalformedRequests_NoServerError_AllProblemDetails_TablesUnchanged()
    {
        var before = await ingestion.SourceStateAsync();
        var random = new Random(20261125);
        var requests = Enumerable.Range(0, Payloads).Select(n => Generate(random, n)).ToList();
        // Two oversized bodies beyond the request limit.
        requests.Add((Encoding.UTF8.GetBytes("{\"events\":[" + string.Join(",", Enumerable.Repeat("{\"eventId\":\"x\"}", 120_000)) + "]}"), "application/json", "/api/v1/events", "oversize"));
        requests.Add((new byte[2_000_000], "text/csv", "/api/v1/reports", "oversize csv"));
        var clients = Enumerable.Range(0, 4).Select(_ => ingestion.Client(ingestion.AllKey)).ToList();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var (body, contentType, path, label) = requests[i];
            using var content = new ByteArrayContent(body);
            if (MediaTypeHeaderValue.TryParse(contentType, out var header))
            {
                content.Headers.ContentType = header;
            }
            else
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            using var response = await clients[i % clients.Count].PostAsync(path, content, ct);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if ((int)response.StatusCode is < 400 or >= 500 or 401 or 429 || mediaType != "application/problem+json")
            {
                failures.Add($"#{i} {label}: {(int)response.StatusCode} {mediaType} {await response.Content.ReadAsStringAsync(ct)}");
            }
        });

        foreach (var client in clients)
        {
            client.Dispose();
        }
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g. {string.Join("\n", failures.Take(5))}");
        Assert.Equal(before, await ingestion.SourceStateAsync());
        Assert.True(statuses[HttpStatusCode.BadRequest] > Payloads / 2, string.Join(", ", statuses));
        Assert.True(statuses.ContainsKey(HttpStatusCode.UnsupportedMediaType) && statuses.ContainsKey(HttpStatusCode.RequestEntityTooLarge), string.Join(", ", statuses));

        // The same app still takes a valid batch afterwards.
        var ok = await ingestion.PostEventsAsync(ingestion.AllKey, Events.Accepted("after-hostile", "CASE-AFTER", "79-01", "2026-10-05", 1));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(before, await ingestion.SourceStateAsync());
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Ingestion;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>
/// Every endpoint the app maps has an authorization decision and a row in the README's role
/// matrix, and each role gets exactly what its row says: the guard that a new page, hub or
/// endpoint cannot ship open by accident.
/// </summary>
[Trait("Category", "Database")]
public sealed partial class RouteTableTests : IAsyncLifetime
{
    private static readonly string[] Columns = ["anonymous", Roles.Display, Roles.Leader, Roles.Operator, Roles.Admin];

    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("routes");
        _app = RunningApp.Start(_database.ConnectionString);
        await _app.Services.GetRequiredService<MonitoringCenter.Web.Platform.DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void EveryMappedEndpoint_HasADecision_AndARowInTheRoleMatrix()
    {
        var matrix = RoleMatrix().Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);
        var undecided = new List<string>();
        var missing = new List<string>();
        foreach (var (name, endpoint) in MappedEndpoints())
        {
            var metadata = endpoint.Metadata;
            // Blazor's circuit endpoints take no metadata of ours: the fallback policy (a signed-in person
            // with a role) decides for them, and their rows below check that it does.
            var decided = metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                || metadata.GetMetadata<ApiKeyRequired>() is not null || name.Contains(" /_blazor", StringComparison.Ordinal);
            if (!decided)
            {
                undecided.Add(name);
            }
            if (!matrix.Contains(name))
            {
                missing.Add(name);
            }
        }
        Assert.True(undecided.Count == 0, "Endpoints without an authorization decision: " + string.Join(", ", undecided));
        Assert.True(missing.Count == 0, "Endpoints missing from the README's role matrix: " + string.Join(", ", missing));
        var mapped = MappedEndpoints().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var stale = matrix.Where(row => !mapped.Contains(row)).ToList();
        Assert.True(stale.Count == 0, "README rows for endpoints the app does not map: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EachRole_GetsExactlyWhatTheRoleMatrixSays()
    {
        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Address },
        };
        foreach (var role in Columns.Skip(1))
        {
            clients[role] = (await Session.StartAsync(_app, [role])).Client(_app);
        }
        var wrong = new List<string>();
        foreach (var row in RoleMatrix())
        {
            // An endpoint for any method is requested the way its client does (the example may name the method).
            var (method, example) = row.Example.Split(' ') is [var named, var path] ? (new HttpMethod(named), path)
                : (new HttpMethod(row.Endpoint.Split(' ')[0]), row.Example);
            for (var i = 0; i < Columns.Length; i++)
            {
                using var request = new HttpRequestMessage(method, new Uri(example, UriKind.Relative));
                if (method == HttpMethod.Post)
                {
                    request.Content = new StringContent("");
                }
                using var response = await clients[Columns[i]].SendAsync(request);
                var outcome = Outcome(response);
                var expected = row.Expected[i];
                var agrees = expected switch
                {
                    "yes" => outcome == "served",
                    "sign-in" => outcome is "to sign-in" or "401",
                    "403" => outcome == "403",
                    "key" => outcome == "401" && response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    _ => false,
                };
                if (!agrees)
                {
                    wrong.Add($"{row.Endpoint} as {Columns[i]}: expected {expected}, got {outcome} ({(int)response.StatusCode})");
                }
            }
        }
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static string Outcome(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized => "401",
        HttpStatusCode.Forbidden => "403",
        // The challenge's redirect carries the way back; a page's own redirect to sign-in (the code step with nothing pending) does not.
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/sign-in?ReturnUrl=", StringComparison.Ordinal) == true => "to sign-in",
        _ => "served",
    };

    /// <summary>The app's endpoints as "METHOD /pattern", without static files and Blazor's own circuit plumbing.</summary>
    private IEnumerable<(string Name, RouteEndpoint Endpoint)> MappedEndpoints()
    {
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor") || pattern.StartsWith("/_framework", StringComparison.Ordinal))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            // A page and a hub answer several methods; the matrix names the one a browser or screen uses.
            var method = methods.Contains("GET") ? "GET" : (methods.Count > 0 ? methods[0] : "ANY");
            yield return ($"{method} {pattern}", endpoint);
        }
    }

    private static List<MatrixRow> RoleMatrix()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "README.md")))
        {
            dir = dir.Parent;
        }
        var readme = File.ReadAllText(Path.Combine(dir!.FullName, "README.md"));
        var section = readme[readme.IndexOf("### Role matrix", StringComparison.Ordinal)..];
        var rows = MatrixLine().Matches(section)
            .Select(m => new MatrixRow(m.Groups[1].Value, m.Groups[2].Value,
                m.Groups[3].Value.Split('|', StringSplitOptions.TrimEntries)))
            .ToList();
        Assert.True(rows.Count > 10, "The README's role matrix was not found or is nearly empty.");
        return rows;
    }

    private sealed record MatrixRow(string Endpoint, string Example, string[] Expected);

    [GeneratedRegex(@"^\| `([A-Z]+ [^`]+)` \| `([^`]+)` \| ([^\n]+?) \|$", RegexOptions.Multiline)]
    private static partial Regex MatrixLine();
}

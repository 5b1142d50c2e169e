using System.Net;

namespace MonitoringCenter.Tests.Ingestion;

/// <summary>The app with a tight per-key limit: three requests at once, then one a second.</summary>
public sealed class RateLimitedIngestionApp : IAsyncLifetime
{
    public IngestionApp App { get; } = new(new Dictionary<string, string> { ["Ingestion:RequestsPerSecond"] = "1", ["Ingestion:Burst"] = "3" });

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();
}

[Trait("Category", "Database")]
public sealed class RateLimitTests(RateLimitedIngestionApp ingestion) : IClassFixture<RateLimitedIngestionApp>
{
    [Fact]
    public async Task KeyOverItsLimit_Gets429_WithRetryAfter_AndProblemDetails_WhileAnotherKeyIsUnaffected()
    {
        using var client = ingestion.App.Client(ingestion.App.Key79);
        using var other = ingestion.App.Client(ingestion.App.Key01);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.GetAsync("/api/v1/snapshot"));
        }
        var otherKey = await other.GetAsync("/api/v1/snapshot");

        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        var limited = responses.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }
}

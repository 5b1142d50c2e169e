using MonitoringCenter.Tests.Infrastructure;
using Npgsql;

namespace MonitoringCenter.Tests.Wall;

[Trait("Category", "Database")]
public sealed class WallDatabaseDownTests
{
    [Fact]
    public async Task Wall_DatabaseUnreachable_SignInSaysSoPolitelyWithoutAnErrorPage()
    {
        // A port nothing listens on: the database is "down".
        var port = RunningApp.FreePort();
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Port = port, Timeout = 2 }.ConnectionString;
        await using var app = RunningApp.Start(connectionString);
        using var http = new HttpClient();

        // Nobody can be signed in without the database: the wall sends to sign-in, which explains.
        var response = await http.GetAsync(app.Url("/wall"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("/sign-in", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("id=\"sign-in-unavailable\"", html, StringComparison.Ordinal);
        Assert.Contains("Hiện không kết nối được cơ sở dữ liệu", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }
}

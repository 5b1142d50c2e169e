using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Fleet;

namespace MonitoringCenter.Tests.Fleet;

/// <summary>A TV's browser as far as HTTP goes: its own cookies (pairing, then <c>mc.screen</c>), no redirects followed.</summary>
internal sealed partial class ScreenClient : IDisposable
{
    private readonly RunningApp _app;

    public ScreenClient(RunningApp app)
    {
        _app = app;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public string? Credential => Cookies.GetCookies(_app.Address)[ScreenCredential.CookieName]?.Value;

    /// <summary>Opens <c>/screen</c> and reads the code it shows.</summary>
    public async Task<string> ShowCodeAsync()
    {
        var html = await Http.GetStringAsync(new Uri(ScreenPaths.Screen, UriKind.Relative));
        var match = CodePattern().Match(html);
        Assert.True(match.Success, "/screen showed no pairing code.");
        return match.Groups[1].Value;
    }

    /// <summary>Asks <c>/screen/poll</c>: its state and, when paired, where to go.</summary>
    public async Task<(string State, string? Go)> PollAsync()
    {
        using var response = await Http.GetAsync(new Uri(ScreenPaths.Poll, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("state").GetString()!,
            json.RootElement.TryGetProperty("go", out var go) ? go.GetString() : null);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>An Admin account and the principal its session would carry.</summary>
    public static async Task<ClaimsPrincipal> AdminAsync(RunningApp app, string role = Roles.Admin)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@test.local";
        var created = await app.Services.GetRequiredService<UserAccounts>().CreateAsync(email, [role], [], "test");
        Assert.True(created.Succeeded, created.Message);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "test"));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("data-code=\"([A-Z0-9]{6})\"")]
    private static partial Regex CodePattern();
}

using System.Net;
using System.Text.RegularExpressions;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Infrastructure;

/// <summary>A person signed in to a running app through its real sign-in form: their session cookie.</summary>
public sealed partial record Session(string Email, string Password, Cookie Cookie)
{
    /// <summary>The value of a <c>Cookie</c> request header carrying the session.</summary>
    public string CookieHeader => $"{Cookie.Name}={Cookie.Value}";

    /// <summary>Creates an account with <paramref name="roles"/> (its own password, no change required) and signs it in.</summary>
    public static async Task<Session> StartAsync(RunningApp app, string[] roles, string[]? provinces = null, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        email ??= $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@test.local";
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        var created = await accounts.CreateAsync(email, roles, provinces ?? [], "test");
        Assert.True(created.Succeeded, created.Message);
        await accounts.KeepPasswordAsync(email);
        return await SignInAsync(app, email, created.OneTimePassword!);
    }

    /// <summary>Signs in with the form a person uses (GET for the antiforgery token, then POST).</summary>
    public static async Task<Session> SignInAsync(RunningApp app, string email, string password)
    {
        var (status, cookies, _) = await PostSignInAsync(app, email, password);
        Assert.True(status == HttpStatusCode.Redirect, $"Sign-in of {email} answered {(int)status}, not a redirect.");
        var cookie = cookies.GetCookies(app.Address).FirstOrDefault(c => c.Name == "mc.session")
            ?? throw new InvalidOperationException($"Sign-in of {email} set no session cookie.");
        return new Session(email, password, cookie);
    }

    /// <summary>The sign-in form posted: the status, the cookies afterwards, and the page (for messages) or redirect target.</summary>
    public static async Task<(HttpStatusCode Status, CookieContainer Cookies, string Body)> PostSignInAsync(RunningApp app, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = app.Address };
        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await http.PostAsync(new Uri("/sign-in", UriKind.Relative), content);
        var body = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.ToString() ?? "" : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, cookies, body);
    }

    /// <summary>A client that carries this session and does not follow redirects (a test sees where it is sent).</summary>
    public HttpClient Client(RunningApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Add("Cookie", CookieHeader);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

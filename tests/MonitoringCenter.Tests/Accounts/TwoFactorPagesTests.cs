using System.Net;
using AngleSharp.Html.Parser;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>
/// The two-factor pages on the running app over HTTP, as a browser posts their forms (antiforgery
/// token and form name taken from the page): turn the authenticator on, then sign in with password
/// and code.
/// </summary>
[Trait("Category", "Database")]
public sealed class TwoFactorPagesTests : IAsyncLifetime
{
    private const string Email = "leader@thads.test";

    private TestDatabase _database = default!;
    private RunningApp _app = default!;
    private string _password = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("twofactorpages");
        await _database.MigrateAsync();
        _app = RunningApp.Start(_database.ConnectionString);
        var accounts = _app.Services.GetRequiredService<UserAccounts>();
        _password = (await accounts.CreateAsync(Email, [Roles.Leader], [], "test")).OneTimePassword!;
        await accounts.KeepPasswordAsync(Email);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = _app.Address };

    /// <summary>Posts the form named <paramref name="form"/> of the page at <paramref name="page"/> with <paramref name="fields"/>; the page it ends on.</summary>
    private static async Task<(Uri At, AngleSharp.Html.Dom.IHtmlDocument Page)> PostAsync(HttpClient browser, string page, string form,
        params (string Name, string Value)[] fields)
    {
        var document = new HtmlParser().ParseDocument(await browser.GetStringAsync(page));
        var element = document.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{form}']") is not null)
            ?? throw new Xunit.Sdk.XunitException($"no form {form} on {page}: {document.Body?.TextContent}");
        var values = element.QuerySelectorAll("input[type=hidden]").Select(i => (i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).Concat(fields);
        using var response = await browser.PostAsync(page, new FormUrlEncodedContent(values.Select(v => KeyValuePair.Create(v.Item1, v.Item2))));
        Assert.True(response.IsSuccessStatusCode, $"{form}: {(int)response.StatusCode}");
        return (response.RequestMessage!.RequestUri!, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TurningOnTheAuthenticator_ThenSigningIn_AsksForTheCodeAfterThePassword()
    {
        using var browser = Browser();
        var (home, _) = await PostAsync(browser, "/sign-in", "sign-in", ("Input.Email", Email), ("Input.Password", _password));
        Assert.Equal("/", home.AbsolutePath);

        var (_, started) = await PostAsync(browser, TwoFactorPages.SetUpPath, "two-factor-start");
        var key = started.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.StartsWith("otpauth://totp/", started.QuerySelector("#authenticator-uri")!.TextContent, StringComparison.Ordinal);

        var (_, wrong) = await PostAsync(browser, TwoFactorPages.SetUpPath, "two-factor-enable", ("Enable.Code", Totp.Wrong(key, DateTimeOffset.UtcNow)));
        Assert.Contains("Mã không đúng", wrong.QuerySelector("#two-factor-message")!.TextContent, StringComparison.Ordinal);

        var (_, enabled) = await PostAsync(browser, TwoFactorPages.SetUpPath, "two-factor-enable", ("Enable.Code", Totp.Code(key, DateTimeOffset.UtcNow)));
        Assert.True(enabled.QuerySelectorAll("#recovery-codes li").Length == TwoFactorAccounts.RecoveryCodeCount, enabled.QuerySelector("main")?.TextContent);
        // The stamp changed, but this session was re-issued with it: still signed in.
        var state = new HtmlParser().ParseDocument(await browser.GetStringAsync(TwoFactorPages.SetUpPath));
        Assert.Contains("đang bật", state.QuerySelector("#two-factor-state")!.TextContent, StringComparison.Ordinal);

        using var second = Browser();
        var (codeStep, _) = await PostAsync(second, "/sign-in?ReturnUrl=%2Falerts", "sign-in", ("Input.Email", Email), ("Input.Password", _password));
        Assert.Equal(TwoFactorPages.SignInCodePath, codeStep.AbsolutePath);
        using (var early = await second.GetAsync("/alerts"))
        {
            Assert.Equal(AccountsExtensions.SignInPath, early.RequestMessage!.RequestUri!.AbsolutePath);
        }
        var (badCode, refused) = await PostAsync(second, codeStep.PathAndQuery, "sign-in-code", ("Input.Code", Totp.Wrong(key, DateTimeOffset.UtcNow)));
        Assert.Equal(TwoFactorPages.SignInCodePath, badCode.AbsolutePath);
        Assert.Contains("Mã không đúng", refused.QuerySelector("#sign-in-code-message")!.TextContent, StringComparison.Ordinal);
        var (signedIn, _) = await PostAsync(second, codeStep.PathAndQuery, "sign-in-code", ("Input.Code", Totp.Code(key, DateTimeOffset.UtcNow)));
        Assert.Equal("/alerts", signedIn.AbsolutePath);
    }

    [Fact]
    public async Task TheCodeStep_WithoutAPasswordStep_SendsBackToSignIn()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync(TwoFactorPages.SignInCodePath);
        Assert.Equal(AccountsExtensions.SignInPath, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("reason=expired", response.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
    }
}

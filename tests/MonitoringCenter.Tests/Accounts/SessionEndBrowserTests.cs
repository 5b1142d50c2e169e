using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>
/// A forced sign-out reaches pages already open in Chromium, with no click: the interactive alert
/// console (its circuit) and a wall (its hub connection) both end up on the sign-in page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SessionEndBrowserTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private LiveDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await LiveDatabase.CreateAsync("sessionend");
        _app = RunningApp.Start(_database.Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ForcedSignOut_TakesAnOpenAlertConsole_ToSignIn()
    {
        var session = await Session.StartAsync(_app, [Roles.Leader], email: "leader-console@test.local");
        var page = await browser.NewWallPageAsync(_app, session);
        await page.GotoAsync(_app.Url("/alerts").ToString());
        await page.Locator("#alert-console[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });

        await _app.Services.GetRequiredService<UserAccounts>().SignOutEverywhereAsync(session.Email, "test");

        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });
        Assert.Contains("Phiên đăng nhập đã hết hạn", await page.Locator("#sign-in-message").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForcedSignOut_TakesAnOpenWall_ToSignIn()
    {
        var session = await Session.StartAsync(_app, [Roles.Display], email: "display-wall@test.local");
        var page = await browser.NewWallPageAsync(_app, session);
        await page.GotoAsync(_app.Url("/wall").ToString());
        await page.Locator("#connection-state.connected").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });

        await _app.Services.GetRequiredService<UserAccounts>().SignOutEverywhereAsync(session.Email, "test");

        await page.WaitForURLAsync(url => url.Contains("/sign-in", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 15_000 });
        Assert.Equal(0, await page.Locator("#wall").CountAsync());
    }
}

using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Ingestion;

/// <summary>The API keys page rendered by bunit as a Server circuit runs it, on the app's own <see cref="ApiKeys"/> and a database of its own.</summary>
[Trait("Category", "Database")]
public sealed class ApiKeysPageTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private BunitAuthorizationContext _auth = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("apikeyspage");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.AddIngestion();
        });
        _auth = AddAuthorization();
        Services.AddSingleton(_app.Services.GetRequiredService<ApiKeys>());
        Services.AddSingleton(_app.Services.GetRequiredService<Clock>());
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The page once its list has loaded (its first render is before the load).</summary>
    private IRenderedComponent<ApiKeysPage> RenderLoaded()
    {
        var page = Render<ApiKeysPage>();
        page.WaitForElement("#admin-api-keys[data-loaded='true']");
        return page;
    }

    private ApiKeys Keys => _app.Services.GetRequiredService<ApiKeys>();

    [Fact]
    public async Task AnAdmin_IssuesAKey_SeesItOnce_AndItWorks_ThenRevokesIt()
    {
        _auth.SetAuthorized("admin@thads.test");
        _auth.SetRoles(Roles.Admin);
        var page = RenderLoaded();

        page.Find("#key-name").Change("Phần mềm tỉnh 79");
        page.Find("#key-provinces").Change("79");
        await page.Find("#api-key-create").SubmitAsync();

        var secret = page.WaitForElement("#api-key-secret-value").TextContent;
        var key = await Keys.FindAsync(secret);
        Assert.NotNull(key);
        Assert.Equal(["79"], key.Provinces);
        await page.Find($"#revoke-{key.Id}").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("Đã thu hồi", page.Find($"tr[data-key='{key.Id}']").TextContent, StringComparison.Ordinal));
        Assert.True((await Keys.ListAsync()).Single().Revoked);
    }

    [Fact]
    public async Task ALeader_IsRefusedOnTheServer_AndNoKeyIsIssued()
    {
        _auth.SetAuthorized("leader@thads.test");
        _auth.SetRoles(Roles.Leader);
        var page = RenderLoaded();

        page.Find("#key-name").Change("Lén lút");
        page.Find("#key-all").Change(true);
        await page.Find("#api-key-create").SubmitAsync();

        Assert.Contains("cần vai trò Admin", page.Find("#api-key-problem").TextContent, StringComparison.Ordinal);
        Assert.Empty(await Keys.ListAsync());
    }

    [Fact]
    public async Task BadProvinces_SayWhy_AndIssueNothing()
    {
        _auth.SetAuthorized("admin@thads.test");
        _auth.SetRoles(Roles.Admin);
        var page = RenderLoaded();

        page.Find("#key-name").Change("Sai mã");
        page.Find("#key-provinces").Change("79,99");
        await page.Find("#api-key-create").SubmitAsync();

        Assert.Contains("Mã tỉnh không có: 99", page.Find("#api-key-problem").TextContent, StringComparison.Ordinal);
        Assert.Empty(await Keys.ListAsync());
    }
}

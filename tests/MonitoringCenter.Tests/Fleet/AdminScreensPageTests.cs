using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Fleet;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Fleet;

/// <summary>
/// The fleet page rendered by bunit as a Server circuit runs it, with the app's own fleet services on
/// a database of its own: pairing from the form, the list following screens' reports live, offline
/// rows marked, and a non-Admin refused.
/// </summary>
[Trait("Category", "Database")]
public sealed class AdminScreensPageTests : BunitContext, IAsyncLifetime
{
    private const string Admin = "fleet-admin@thads.test";

    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private BunitAuthorizationContext _auth = default!;

    private ScreenRegistry Registry => _app.Services.GetRequiredService<ScreenRegistry>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("fleetpage");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.AddAccounts();
            builder.AddFleet();
        });
        Assert.True((await _app.Services.GetRequiredService<UserAccounts>().CreateAsync(Admin, [Roles.Admin], [], "test")).Succeeded);

        _auth = AddAuthorization();
        _auth.SetAuthorized(Admin);
        _auth.SetRoles(Roles.Admin);
        foreach (var type in new[] { typeof(FleetCommands), typeof(FleetChanges), typeof(ScreenRegistry), typeof(Clock) })
        {
            Services.AddSingleton(type, _app.Services.GetRequiredService(type));
        }
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task PairingFromTheForm_ListsTheScreenOffline_ThenOnlineWhenItReports()
    {
        var start = await Registry.StartPairingAsync("10.9.9.9");
        var page = Render<AdminScreensPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#fleet-empty")));

        await page.InvokeAsync(() => page.Find("#pair-code").Change(PairingCode.Display(start!.Code)));
        await page.InvokeAsync(() => page.Find("#pair-name").Change("TV phòng họp"));
        await page.InvokeAsync(() => page.Find("#pair-room").Change("Phòng họp 2"));
        await page.Find("#fleet-pair").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Đã ghép màn hình", page.Find("#fleet-done").TextContent, StringComparison.Ordinal));
        var row = page.Find("tr.screen-row");
        Assert.Contains("screen-offline", row.ClassList);
        Assert.Equal("NGOẠI TUYẾN", row.QuerySelector(".screen-state")!.TextContent);
        Assert.Equal("TV phòng họp", row.GetAttribute("data-name"));
        var screenId = Guid.Parse(row.GetAttribute("data-screen")!);

        await Registry.ReportAsync(screenId, new ScreenReport("/wall/provinces", "build42", 3840, 2160, 7200, []));
        _app.Services.GetRequiredService<FleetChanges>().Notify();

        page.WaitForAssertion(() =>
        {
            var live = page.Find("tr.screen-row");
            Assert.Contains("screen-online", live.ClassList);
            Assert.Equal("/wall/provinces", live.QuerySelector(".screen-view")!.TextContent);
            Assert.Equal("3840×2160", live.QuerySelector(".screen-viewport")!.TextContent);
            Assert.Equal("2 giờ 0 phút", live.QuerySelector(".screen-uptime")!.TextContent);
        }, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task WrongCode_IsRefusedWithAReason()
    {
        var page = Render<AdminScreensPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#fleet-empty")));

        await page.InvokeAsync(() => page.Find("#pair-code").Change("AAAAAA"));
        await page.InvokeAsync(() => page.Find("#pair-name").Change("TV"));
        await page.InvokeAsync(() => page.Find("#pair-room").Change("Phòng"));
        await page.Find("#fleet-pair").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Mã không đúng", page.Find("#fleet-problem").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NonAdmin_SeesWhy_AndNoScreens()
    {
        _auth.SetRoles(Roles.Leader);

        var page = Render<AdminScreensPage>();

        page.WaitForAssertion(() => Assert.Contains("cần vai trò Admin", page.Find("#fleet-problem").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("tr.screen-row"));
    }
}

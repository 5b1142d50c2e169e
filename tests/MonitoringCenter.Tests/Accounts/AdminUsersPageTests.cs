using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>
/// The accounts page rendered by bunit as a Server circuit runs it, with the app's own
/// <see cref="UserAccounts"/> on a database of its own, signed in as a real Admin account.
/// </summary>
[Trait("Category", "Database")]
public sealed class AdminUsersPageTests : BunitContext, IAsyncLifetime
{
    private const string Admin = "admin@thads.test";

    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private UserAccounts _accounts = default!;
    private BunitAuthorizationContext _auth = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("adminusers");
        _app = await _database.MigratedHostAsync(builder =>
        {
            builder.AddAccounts();
        });
        _accounts = _app.Services.GetRequiredService<UserAccounts>();
        Assert.True((await _accounts.CreateAsync(Admin, [Roles.Admin], [], "test")).Succeeded);

        _auth = AddAuthorization();
        _auth.SetAuthorized(Admin);
        _auth.SetRoles(Roles.Admin);
        Services.AddSingleton(_accounts);
        Services.AddSingleton(_app.Services.GetRequiredService<Clock>());
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private IRenderedComponent<AdminUsersPage> RenderPage()
    {
        var page = Render<AdminUsersPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"tr.account-row[data-email='{Admin}']")));
        return page;
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no account {email}");
        return await users.CheckPasswordAsync(user, password);
    }

    [Fact]
    public async Task CreatingAnOperator_ShowsItsOneTimePasswordOnce_AndListsItWithItsProvince()
    {
        var page = RenderPage();

        page.Find("#new-email").Change("op79@thads.test");
        await page.Find("#new-role-Operator").ChangeAsync(new ChangeEventArgs { Value = true });
        await page.Find("#new-province-79").ChangeAsync(new ChangeEventArgs { Value = true });
        await page.Find("#account-create").SubmitAsync();

        var password = Fragment.Text(page.Find("#one-time-password-value"));
        Assert.Equal(16, password.Length);
        Assert.Contains("op79@thads.test", Fragment.Text(page.Find("#one-time-password")), StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync("op79@thads.test", password));
        var row = page.Find("tr.account-row[data-email='op79@thads.test']");
        Assert.Equal("Điều hành", Fragment.Text(row.QuerySelector(".col-roles")));
        Assert.Equal("Thành phố Hồ Chí Minh", Fragment.Text(row.QuerySelector(".col-provinces")));
        Assert.Equal("Chờ đổi mật khẩu", Fragment.Text(row.QuerySelector(".state-label")));
        Assert.Equal(["79"], (await _accounts.FindAnyAsync("op79@thads.test"))!.Provinces);

        // Shown once: dismissed, it is gone from the page.
        await page.Find("#hide-password").ClickAsync(new());
        Assert.Empty(page.FindAll("#one-time-password"));
    }

    [Fact]
    public async Task CreatingWithABadAddress_SaysWhyInVietnamese_AndCreatesNothing()
    {
        var page = RenderPage();

        page.Find("#new-email").Change("not-an-address");
        await page.Find("#new-role-Leader").ChangeAsync(new ChangeEventArgs { Value = true });
        await page.Find("#account-create").SubmitAsync();

        Assert.Equal("Địa chỉ e-mail không hợp lệ.", Fragment.Text(page.Find("#account-problem")));
        Assert.Empty(page.FindAll("#one-time-password"));
        Assert.Single(await _accounts.ListAsync());
    }

    [Fact]
    public async Task AHandler_RunByAPrincipalNoLongerAdmin_IsRefused_AndNothingChanges()
    {
        var page = RenderPage();
        page.Find("#new-email").Change("late@thads.test");
        await page.Find("#new-role-Leader").ChangeAsync(new ChangeEventArgs { Value = true });

        // The page was opened by an Admin; the circuit's principal is now a Leader's.
        _auth.SetRoles(Roles.Leader);
        await page.Find("#account-create").SubmitAsync();

        Assert.Contains("cần vai trò Admin", Fragment.Text(page.Find("#account-problem")), StringComparison.Ordinal);
        Assert.Null(await _accounts.FindAnyAsync("late@thads.test"));
        Assert.Empty(page.FindAll("tr.account-row"));
    }

    [Fact]
    public async Task AHandler_RunByAnAdminWhoseRoleWasJustRemoved_IsRefused_BeforeTheSessionIsRechecked()
    {
        Assert.True((await _accounts.CreateAsync("leader@thads.test", [Roles.Leader], [], "test")).Succeeded);
        var page = RenderPage();
        await page.Find("tr.account-row[data-email='leader@thads.test']").ClickAsync(new());

        // Another Admin takes this one's role away; the circuit still holds the old principal.
        Assert.True((await _accounts.SetRolesAsync(Admin, [Roles.Leader], [], "other-admin@thads.test")).Succeeded);
        await page.Find("#act-disable").ClickAsync(new());

        Assert.Contains("cần vai trò Admin", Fragment.Text(page.Find("#account-problem")), StringComparison.Ordinal);
        Assert.False((await _accounts.FindAnyAsync("leader@thads.test"))!.Disabled);
    }

    [Fact]
    public async Task DisablingYourOwnAccount_OrDroppingYourOwnAdminRole_IsRefused()
    {
        var page = RenderPage();
        await page.Find($"tr.account-row[data-email='{Admin}']").ClickAsync(new());
        Assert.NotNull(page.Find("#account-own"));

        await page.Find("#act-disable").ClickAsync(new());
        Assert.Contains("không thể tự vô hiệu hóa", Fragment.Text(page.Find("#account-problem")), StringComparison.Ordinal);
        Assert.False((await _accounts.FindAnyAsync(Admin))!.Disabled);

        await page.Find("#edit-role-Admin").ChangeAsync(new ChangeEventArgs { Value = false });
        await page.Find("#edit-role-Leader").ChangeAsync(new ChangeEventArgs { Value = true });
        await page.Find("#account-roles").SubmitAsync();
        Assert.Contains("không thể tự bỏ vai trò Admin", Fragment.Text(page.Find("#account-problem")), StringComparison.Ordinal);
        Assert.Equal([Roles.Admin], (await _accounts.FindAnyAsync(Admin))!.Roles);
    }

    [Fact]
    public async Task ResetPassword_ShowsANewOneTimePassword_AndTheOldOneNoLongerWorks()
    {
        var old = (await _accounts.CreateAsync("leader@thads.test", [Roles.Leader], [], "test")).OneTimePassword!;
        Assert.True(await PasswordWorksAsync("leader@thads.test", old));
        var page = RenderPage();
        await page.Find("tr.account-row[data-email='leader@thads.test']").ClickAsync(new());

        await page.Find("#act-reset-password").ClickAsync(new());

        var fresh = Fragment.Text(page.Find("#one-time-password-value"));
        Assert.NotEqual(old, fresh);
        Assert.False(await PasswordWorksAsync("leader@thads.test", old));
        Assert.True(await PasswordWorksAsync("leader@thads.test", fresh));
        Assert.Contains("Đã đặt lại mật khẩu", Fragment.Text(page.Find("#account-done")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesAndProvinces_Change_DisableAndEnable_AndEveryChangeIsAuditedWithTheSignedInAdmin()
    {
        Assert.True((await _accounts.CreateAsync("op@thads.test", [Roles.Operator], [], "test")).Succeeded);
        var page = RenderPage();
        await page.Find("tr.account-row[data-email='op@thads.test']").ClickAsync(new());
        Assert.Equal("Mọi tỉnh, thành phố", Fragment.Text(page.Find("tr.account-row[data-email='op@thads.test'] .col-provinces")));

        await page.Find("#edit-province-01").ChangeAsync(new ChangeEventArgs { Value = true });
        await page.Find("#account-roles").SubmitAsync();
        Assert.Equal(["01"], (await _accounts.FindAnyAsync("op@thads.test"))!.Provinces);
        Assert.Equal("Hà Nội", Fragment.Text(page.Find("tr.account-row[data-email='op@thads.test'] .col-provinces")));

        await page.Find("#act-disable").ClickAsync(new());
        Assert.True((await _accounts.FindAnyAsync("op@thads.test"))!.Disabled);
        Assert.Equal("Vô hiệu hóa", Fragment.Text(page.Find("#account-state")));
        await page.Find("#act-enable").ClickAsync(new());
        Assert.False((await _accounts.FindAnyAsync("op@thads.test"))!.Disabled);
        await page.Find("#act-sign-out").ClickAsync(new());
        Assert.Contains("Mọi phiên", Fragment.Text(page.Find("#account-done")), StringComparison.Ordinal);

        await using var connection = await _database.OpenAsync();
        var actions = (await Dapper.SqlMapper.QueryAsync<string>(connection,
            "select action from audit_log where actor = @actor and subject = 'op@thads.test' order by id", new { actor = Admin })).ToList();
        Assert.Equal(["user.roles", "user.disable", "user.enable", "user.sign-out-everywhere"], actions);
    }
}

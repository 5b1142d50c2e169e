using System.Net;
using System.Text.RegularExpressions;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Accounts;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>The <c>user</c> command, as a deployment script runs it, against the real app's services and sign-in.</summary>
[Trait("Category", "Database")]
public sealed partial class UserCommandTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("usercli");
        _app = RunningApp.Start(_database.ConnectionString);
        await _app.Services.GetRequiredService<MonitoringCenter.Web.Platform.DatabaseReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        await using var output = new StringWriter();
        var exit = await UserCommand.RunAsync(_app.Services, args, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Create_PrintsAOneTimePassword_ThatSignsInOnlyToChangeIt_AndListShowsTheAccount()
    {
        var (exit, output) = await RunAsync("create", "--email", "op@test.local", "--role", "Operator", "--provinces", "79,01");
        var password = OneTimePassword().Match(output).Groups[1].Value;

        Assert.Equal(0, exit);
        Assert.Equal(16, password.Length);
        var signIn = await Session.PostSignInAsync(_app, "op@test.local", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        Assert.Equal("/account/password", new Uri(_app.Address, signIn.Body).AbsolutePath);
        var (_, list) = await RunAsync("list");
        Assert.Contains("op@test.local\tOperator\t01,79\tmust-change-password", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableAndResetPassword_TakeEffectAtSignIn()
    {
        var (_, created) = await RunAsync("create", "--email", "lead@test.local", "--role", "Leader");
        var first = OneTimePassword().Match(created).Groups[1].Value;

        var (resetExit, reset) = await RunAsync("reset-password", "lead@test.local");
        var second = OneTimePassword().Match(reset).Groups[1].Value;
        Assert.Equal(0, resetExit);
        Assert.Contains("Sai địa chỉ e-mail hoặc mật khẩu.", (await Session.PostSignInAsync(_app, "lead@test.local", first)).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Session.PostSignInAsync(_app, "lead@test.local", second)).Status);

        Assert.Equal(0, (await RunAsync("disable", "lead@test.local")).Exit);
        Assert.Contains("vô hiệu hóa", (await Session.PostSignInAsync(_app, "lead@test.local", second)).Body, StringComparison.Ordinal);
        Assert.Contains("lead@test.local\tLeader\tall provinces\tdisabled", (await RunAsync("list")).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--role", "Boss", "Vai trò phải là")]
    [InlineData("--role", "Leader --provinces 79", "Chỉ vai trò Operator")]
    [InlineData("--role", "Operator --provinces 99", "Mã tỉnh không có: 99")]
    public async Task Create_BadInput_SaysWhy_AndMakesNoAccount(string option, string value, string message)
    {
        var args = new[] { "create", "--email", "bad@test.local", option }.Concat(value.Split(' ')).ToArray();

        var (exit, output) = await RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Null(await _app.Services.GetRequiredService<UserAccounts>().FindAnyAsync("bad@test.local"));
    }

    [GeneratedRegex("One-time password: (\\S+)")]
    private static partial Regex OneTimePassword();
}

using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Screens;
using MonitoringCenter.Web.Provinces;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;
using Npgsql;

namespace MonitoringCenter.Tests.Alerts;

/// <summary>The alert console when PostgreSQL cannot be reached (a port nothing listens on): no server needed.</summary>
[Trait("Category", "Unit")]
public sealed class AlertConsoleDatabaseDownTests : BunitContext, IAsyncLifetime
{
    private WebApplication _app = default!;

    public Task InitializeAsync()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.LocalDefault) { Port = RunningApp.FreePort(), Timeout = 2 }.ConnectionString;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Database:ConnectionString"] = connectionString;
        builder.AddPlatform();
        builder.AddReadModels();
        builder.AddScreens();
        builder.AddProvinces();
        builder.AddAlerts();
        lock (RunningApp.HostBuildLock)
        {
            _app = builder.Build();
        }
        foreach (var service in new[] { typeof(AlertQueries), typeof(AlertCommands), typeof(AlertChangeNotifier), typeof(Clock) })
        {
            Services.AddSingleton(service, _app.Services.GetRequiredService(service));
        }
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Console_DatabaseUnreachable_SaysSoInThePage_AndStaysUsable()
    {
        var console = Render<AlertsPage>();
        console.WaitForElement("#alert-problem", TimeSpan.FromSeconds(10));

        Assert.Contains("Hiện không kết nối được cơ sở dữ liệu", Fragment.Text(console.Find("#alert-problem")), StringComparison.Ordinal);
        Assert.Equal("Chưa đọc được danh sách cảnh báo.", Fragment.Text(console.Find("#alert-list-empty")));

        // A filter click tries again and says so again, instead of breaking the circuit.
        await console.Find("[data-filter=resolved]").ClickAsync(new());
        Assert.Contains("Hiện không kết nối được cơ sở dữ liệu", Fragment.Text(console.Find("#alert-problem")), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", console.Markup, StringComparison.Ordinal);
    }
}

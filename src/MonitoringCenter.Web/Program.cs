using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Api;
using MonitoringCenter.Web.Components;
using MonitoringCenter.Web.Data;
using MonitoringCenter.Web.Jobs;
using MonitoringCenter.Web.Live;

var seed = args is ["seed", ..];
var apiKeys = args is ["apikey", ..];
var builder = WebApplication.CreateBuilder(seed ? args[1..] : apiKeys ? [] : args);
builder.AddData();
builder.AddJobs();
builder.AddWall();
builder.AddLive();
builder.AddIngestion();
builder.AddAlerts();

var app = builder.Build();
if (seed)
{
    return await SeedCommand.RunAsync(app.Services);
}
if (apiKeys)
{
    return await ApiKeyCommand.RunAsync(app.Services, args[1..], Console.Out);
}
app.UseWallPipeline();
app.MapWall();
app.MapLive();
app.MapJobsDashboard();
app.MapIngestionApi();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;

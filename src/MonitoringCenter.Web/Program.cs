using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Components;
using MonitoringCenter.Web.Data;
using MonitoringCenter.Web.Jobs;

var seed = args is ["seed", ..];
var builder = WebApplication.CreateBuilder(seed ? args[1..] : args);
builder.AddData();
builder.AddJobs();
builder.AddWall();
builder.AddAlerts();

var app = builder.Build();
if (seed)
{
    return await SeedCommand.RunAsync(app.Services);
}
app.UseWallPipeline();
app.MapWall();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;

using MonitoringCenter.Web.Accounts;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Audit;
using MonitoringCenter.Web.Components;
using MonitoringCenter.Web.Demo;
using MonitoringCenter.Web.Directives;
using MonitoringCenter.Web.Fleet;
using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Operations;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.Platform.Jobs;
using MonitoringCenter.Web.Provinces;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Reports;
using MonitoringCenter.Web.Review;
using MonitoringCenter.Web.Screens;
using MonitoringCenter.Web.Wall;
using MonitoringCenter.Web.Watch;

var seed = args is ["seed", ..];
var apiKeys = args is ["apikey", ..];
var users = args is ["user", ..];
var audit = args is ["audit", ..];
var command = apiKeys || users || audit;
var builder = WebApplication.CreateBuilder(seed ? args[1..] : command ? [] : args);
if (command)
{
    // The commands' output is what scripts read: logs go to standard error.
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}
builder.AddPlatform();
builder.AddAccounts();
builder.AddReadModels();
builder.AddDemo();
builder.AddJobs();
builder.AddWall();
builder.AddScreens();
builder.AddFleet();
builder.AddNationalWall();
builder.AddProvinces();
builder.AddWatch();
builder.AddIngestion();
builder.AddAlerts();
builder.AddDirectives();
builder.AddAudit();
builder.AddReview();
builder.AddReports();
builder.AddOperations();

var app = builder.Build();
if (seed)
{
    return await SeedCommand.RunAsync(app.Services);
}
if (users)
{
    return await UserCommand.RunAsync(app.Services, args[1..], Console.Out);
}
if (apiKeys)
{
    return await ApiKeyCommand.RunAsync(app.Services, args[1..], Console.Out);
}
if (audit)
{
    return await AuditCommand.RunAsync(app.Services, args[1..], Console.Out);
}
app.UseWallPipeline();
app.UseAccounts();
app.MapAccounts();
app.MapWall();
app.MapScreens();
app.MapFleet();
app.MapJobsDashboard();
app.MapIngestionApi();
app.MapAudit();
app.MapReview();
app.MapOperations();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;

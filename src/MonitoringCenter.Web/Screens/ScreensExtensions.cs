using Microsoft.AspNetCore.SignalR;
using MonitoringCenter.Web.ReadModels;




namespace MonitoringCenter.Web.Screens;

public static class ScreensExtensions
{

    /// <summary>The change feed (LISTEN), refresh coalescing, the publisher and the wall hub.</summary>
    public static WebApplicationBuilder AddScreens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section)
            .Validate(o => o.StaleAfter > TimeSpan.Zero && o.HeartbeatInterval > TimeSpan.Zero && o.HeartbeatInterval < o.StaleAfter,
                "Live:HeartbeatInterval must be positive and shorter than Live:StaleAfter.")
            .ValidateOnStart();
        // Screens' connections end when their session does (Blazor's own circuit hub is left to SessionGuard).
        builder.Services.AddSignalR()
            .AddHubOptions<WallHub>(o => o.AddFilter<Accounts.HubSessions>())
            .AddHubOptions<BareHub>(o => o.AddFilter<Accounts.HubSessions>());
        builder.Services.AddSingleton<FragmentRenderer>();
        builder.Services.AddSingleton<ScreenViewCatalog>();
        builder.Services.AddSingleton<ViewPublisher>();
        builder.Services.AddSingleton<ChangeFeedListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedListener>());
        builder.Services.AddHostedService<HeartbeatService>();
        return builder;
    }

    public static WebApplication MapScreens(this WebApplication app)
    {
        app.MapHub<WallHub>("/hubs/wall", o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LiveOptions>>().Value.DiagnosticsEndpoint)
        {
            app.MapGet("/internal/diagnostics", async (ViewPublisher publisher, RefreshCoordinator refreshes) =>
            {
                // Aggressive collections give memory back to the OS, so the working set reflects what
                // is live; the median of a few samples steadies it further.
                var samples = new List<long>();
                for (var i = 0; i < 5; i++)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    await Task.Delay(100);
                    using var process = System.Diagnostics.Process.GetCurrentProcess();
                    samples.Add(process.WorkingSet64);
                }
                samples.Sort();
                return Results.Ok(new
                {
                    connections = publisher.Connections,
                    managedBytes = GC.GetTotalMemory(forceFullCollection: true),
                    workingSetBytes = samples[samples.Count / 2],
                    version = publisher.Version,
                    refreshRuns = refreshes.Runs,
                });
            }).RequireAuthorization(Accounts.Policies.Admin);
            app.MapHub<BareHub>("/hubs/bare", o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets);
            var body = new string('x', 2048);
            app.MapPost("/internal/bare/broadcast", async (long sequence, Microsoft.AspNetCore.SignalR.IHubContext<BareHub, IBareClient> bare) =>
            {
                await bare.Clients.All.Message(new BareMessage(sequence, body));
                return Results.NoContent();
            }).RequireAuthorization(Accounts.Policies.Admin);
        }
        return app;
    }
}

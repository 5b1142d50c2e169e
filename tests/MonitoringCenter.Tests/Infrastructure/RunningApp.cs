using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MonitoringCenter.Tests.Infrastructure;

/// <summary>The real app on Kestrel, on a free loopback port, against the given database.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    /// <summary>
    /// WebApplicationFactory finds the app's host through a process-wide diagnostic listener, so any
    /// host built while an app starts (another app, or <see cref="TestDatabase.BuildServices"/>) can be
    /// taken for it, with the default port 5000. Starting and building take turns on this lock.
    /// </summary>
    internal static readonly Lock HostBuildLock = new();

    private readonly WebApplicationFactory<Program> _factory;

    private RunningApp(WebApplicationFactory<Program> factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _factory.Services;

    /// <param name="settings">Extra configuration, e.g. <c>Ingestion:RequestsPerSecond</c>.</param>
    /// <param name="port">A fixed loopback port (to restart an app where screens expect it), or 0 for any free one.</param>
    public static RunningApp Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null, int port = 0)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Database:ConnectionString", connectionString);
            // A free port even when Kestrel falls back to its configured URLs (default: port 5000, maybe taken).
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        lock (HostBuildLock)
        {
            factory.StartServer();
        }
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return new RunningApp(factory, new Uri(address));
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public Uri Url(string pathAndQuery) => new(Address, pathAndQuery);

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

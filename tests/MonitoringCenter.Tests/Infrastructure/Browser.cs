using Microsoft.Playwright;

namespace MonitoringCenter.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright, headless, at wall-display size.</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A 1920x1080 page in a context of its own, signed in to <paramref name="app"/> (as an Admin unless a session is given).</summary>
    public async Task<IPage> NewWallPageAsync(RunningApp app, Session? session = null, int width = 1920, int height = 1080)
    {
        ArgumentNullException.ThrowIfNull(app);
        session ??= await Session.StartAsync(app, [MonitoringCenter.Web.Accounts.Roles.Admin]);
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "vi-VN" });
        await context.AddCookiesAsync([new Cookie { Name = session.Cookie.Name, Value = session.Cookie.Value, Url = app.Address.ToString() }]);
        return await context.NewPageAsync();
    }

    /// <summary>A page nobody is signed in on.</summary>
    public Task<IPage> NewAnonymousPageAsync() =>
        Instance.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 }, Locale = "vi-VN" });

    /// <summary>Where screenshots go: MC_ARTIFACTS, or artifacts/ at the top of the checkout.</summary>
    public static string ArtifactPath(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("MC_ARTIFACTS");
        if (string.IsNullOrEmpty(folder))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MonitoringCenter.sln")))
            {
                dir = dir.Parent;
            }
            folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        }
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}

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

    public Task<IPage> NewWallPageAsync() =>
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

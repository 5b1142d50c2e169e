using MonitoringCenter.Web.Demo;
using MonitoringCenter.Web.Platform;


namespace MonitoringCenter.Tests.Infrastructure;

/// <summary>
/// One database with the demo data of statistical years 2024 and 2025 loaded exactly as
/// <c>seed</c> loads it, shared (read-only) by the tests of the <see cref="DemoData"/>.
/// </summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public WebApplication Services { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("demo");
        Services = _database.BuildServices();
        await Services.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await Services.Services.GetRequiredService<ReferenceData>().EnsureAsync();
        await Services.Services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync([2024, 2025], _ => { });
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoData : ICollectionFixture<DemoDatabase>
{
    public const string Name = "demo data";
}

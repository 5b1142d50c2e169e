using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Demo;

/// <summary>
/// <c>MonitoringCenter.Web seed</c>: migrate, write reference data, load the demo data set into
/// an empty database, build the read models, put a few directives on an unused board. Prints one line per step; cheap when already done.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var migrations = services.GetRequiredService<MigrationRunner>();
        var ran = await migrations.MigrateAsync(cancellationToken);
        Console.WriteLine(ran.Count == 0 ? "Migrations: up to date." : $"Migrations: applied {string.Join(", ", ran)}.");
        await services.GetRequiredService<ReferenceData>().EnsureAsync(cancellationToken);
        Console.WriteLine($"Reference data: {ReferenceData.Provinces.Count} provinces, {ReferenceData.Provinces.Sum(p => p.RegionalOffices)} regional offices.");
        var years = services.GetRequiredService<IOptions<DemoOptions>>().Value.Years;
        await services.GetRequiredService<DemoLoader>().LoadIfEmptyAsync(years.Length == 0 ? null : years, Console.WriteLine, cancellationToken);
        var directives = await services.GetRequiredService<DemoDirectives>().SeedIfEmptyAsync(cancellationToken);
        Console.WriteLine(directives == 0 ? "Demo directives: the board is in use, nothing added." : $"Demo directives: {directives} added (one overdue).");
        return 0;
    }
}

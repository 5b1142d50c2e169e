using System.Globalization;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// <c>MonitoringCenter.Web apikey create --name NAME (--provinces 01,79 | --all)</c>,
/// <c>apikey revoke ID</c>, <c>apikey list</c>: issue and revoke source systems' keys without
/// an admin screen. The key is printed once, on create; only its hash is kept.
/// </summary>
public static class ApiKeyCommand
{
    private const string Usage = """
        usage: apikey create --name NAME (--provinces 01,79 | --all)
               apikey revoke ID
               apikey list
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        await services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<ReferenceData>().EnsureAsync(cancellationToken);
        var keys = services.GetRequiredService<ApiKeys>();
        var actor = $"cli:{Environment.UserName}";
        switch (args)
        {
            case ["create", .. var rest]:
                var name = Option(rest, "--name");
                var all = rest.Contains("--all");
                var provinces = Option(rest, "--provinces")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                var unknown = provinces.Where(p => !Validation.ProvinceCodes.Contains(p)).ToList();
                if (string.IsNullOrWhiteSpace(name) || all == provinces.Length > 0 || unknown.Count > 0)
                {
                    await output.WriteLineAsync(unknown.Count > 0 ? $"unknown province code(s): {string.Join(", ", unknown)}" : Usage);
                    return 2;
                }
                var (key, secret) = await keys.CreateAsync(name, all, provinces, actor, cancellationToken);
                await output.WriteLineAsync($"API key {key.Id} \"{key.Name}\" for {(all ? "all provinces" : string.Join(",", provinces))}:");
                await output.WriteLineAsync(secret);
                await output.WriteLineAsync("Shown once: store it now. Send it as 'Authorization: Bearer <key>'.");
                return 0;
            case ["revoke", var text] when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                var revoked = await keys.RevokeAsync(id, actor, cancellationToken);
                await output.WriteLineAsync(revoked ? $"API key {id} revoked." : $"No active API key {id}.");
                return revoked ? 0 : 1;
            case ["list"]:
                foreach (var k in await keys.ListAsync(cancellationToken))
                {
                    await output.WriteLineAsync(FormattableString.Invariant(
                        $"{k.Id}\t{k.Name}\t{(k.AllProvinces ? "all" : string.Join(",", k.Provinces))}\tcreated {k.CreatedAt:yyyy-MM-dd HH:mm}\t{(k.Revoked ? $"revoked {k.RevokedAt:yyyy-MM-dd HH:mm}" : "active")}"));
                }
                return 0;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}

using System.Globalization;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Accounts;

/// <summary>
/// <c>MonitoringCenter.Web user create --email E --role R[,R2] [--provinces 79,01]</c>, <c>user list</c>,
/// <c>user disable E</c>, <c>user enable E</c>, <c>user reset-password E</c>,
/// <c>user roles E --role R[,R2] [--provinces ...]</c>, <c>user sign-out E</c>: accounts for
/// deployments and scripts, without the admin pages. Passwords printed here are one-time.
/// </summary>
public static class UserCommand
{
    private const string Usage = """
        usage: user create --email E --role R[,R2] [--provinces 79,01]
               user list
               user disable E | user enable E
               user reset-password E
               user roles E --role R[,R2] [--provinces 79,01]
               user sign-out E
        roles: Admin, Operator, Leader, Display (--provinces only with Operator)
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        await services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<ReferenceData>().EnsureAsync(cancellationToken);
        var accounts = services.GetRequiredService<UserAccounts>();
        var actor = $"cli:{Environment.UserName}";
        AccountResult result;
        switch (args)
        {
            case ["create", .. var rest] when Option(rest, "--email") is { } email && Option(rest, "--role") is { } roles:
                result = await accounts.CreateAsync(email, List(roles), List(Option(rest, "--provinces")), actor, cancellationToken: cancellationToken);
                break;
            case ["demo-admin", "--email", var email]:
                // ./scripts/run: one Admin for the demo, once, with a random password it prints.
                if (await accounts.FindAnyAsync(email, cancellationToken) is not null)
                {
                    return 3;
                }
                result = await accounts.CreateAsync(email, [Roles.Admin], [], actor, cancellationToken: cancellationToken);
                if (result.Succeeded)
                {
                    await accounts.KeepPasswordAsync(email, cancellationToken);
                    await output.WriteLineAsync(result.OneTimePassword);
                    return 0;
                }
                break;
            case ["roles", var email, .. var rest] when Option(rest, "--role") is { } roles:
                result = await accounts.SetRolesAsync(email, List(roles), List(Option(rest, "--provinces")), actor, cancellationToken: cancellationToken);
                break;
            case ["disable", var email]:
                result = await accounts.DisableAsync(email, actor, cancellationToken: cancellationToken);
                break;
            case ["enable", var email]:
                result = await accounts.EnableAsync(email, actor, cancellationToken: cancellationToken);
                break;
            case ["reset-password", var email]:
                result = await accounts.ResetPasswordAsync(email, actor, cancellationToken: cancellationToken);
                break;
            case ["sign-out", var email]:
                result = await accounts.SignOutEverywhereAsync(email, actor, cancellationToken: cancellationToken);
                break;
            case ["list"]:
                foreach (var a in await accounts.ListAsync(cancellationToken))
                {
                    var state = a.Disabled ? "disabled" : a.LockedOut ? "locked-out" : a.MustChangePassword ? "must-change-password" : "active";
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{a.Email}\t{string.Join(",", a.Roles)}\t{(a.Provinces.Count == 0 ? "all provinces" : string.Join(",", a.Provinces))}\t{state}\tlast sign-in {a.LastSignInAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}"));
                }
                return 0;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
        await output.WriteLineAsync(result.Message);
        if (result.OneTimePassword is { } password)
        {
            await output.WriteLineAsync($"One-time password: {password}");
            await output.WriteLineAsync("Shown once. It must be changed at the first sign-in.");
        }
        return result.Succeeded ? 0 : 1;
    }

    private static string[] List(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}

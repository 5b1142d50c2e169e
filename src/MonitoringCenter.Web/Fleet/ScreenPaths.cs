namespace MonitoringCenter.Web.Fleet;

public static class ScreenPaths
{
    /// <summary>The page a TV opens: a pairing code, or once paired, a redirect to its view.</summary>
    public const string Screen = "/screen";

    /// <summary>Where the unpaired page asks whether it was paired (and collects its credential).</summary>
    public const string Poll = "/screen/poll";

    public const string Hub = "/hubs/screen";

    public const string Fleet = "/admin/screens";

    /// <summary>
    /// Whether a screen may be sent to <paramref name="path"/>: a wall view of this app (a local path
    /// under <c>/wall</c>, with its parameters), never another site or a desk page.
    /// </summary>
    public static bool IsView(string? path) =>
        path is { Length: > 0 and <= 500 }
        && path.StartsWith("/wall", StringComparison.Ordinal)
        && (path.Length == 5 || path[5] is '/' or '?')
        && !path.Contains("//", StringComparison.Ordinal)
        && !path.Contains('\\', StringComparison.Ordinal)
        && path.All(c => c > ' ' && c < 127);
}

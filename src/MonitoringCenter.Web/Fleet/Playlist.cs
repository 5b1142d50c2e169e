using System.Globalization;

namespace MonitoringCenter.Web.Fleet;

/// <summary>One item of a screen's playlist: a wall view and how long it stays on screen.</summary>
public sealed record PlaylistItem(string Path, int Seconds);

/// <summary>
/// A playlist as the fleet page takes it: one item a line, "view seconds" (<c>/wall 60</c>,
/// <c>/wall/provinces/79 30</c>); an empty text empties the playlist (the screen stays on its view).
/// The state-driven item <c>follow-alerts 30</c> is no view of its own: while a critical alert is new
/// in a province, the screen leaves its rotation for that province's page for 30 s, then resumes.
/// </summary>
public static class Playlist
{
    /// <summary>The "follow alerts" item's word.</summary>
    public const string FollowAlerts = "follow-alerts";

    public const int MaxItems = 20;

    public const int MinSeconds = 2;

    public const int MaxSeconds = 3600;

    /// <summary>The items, or null with <paramref name="error"/> saying (in Vietnamese) which line is wrong and why.</summary>
    public static IReadOnlyList<PlaylistItem>? Parse(string? text, out string? error)
    {
        error = null;
        var items = new List<PlaylistItem>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !(ScreenPaths.IsView(parts[0]) || parts[0] == FollowAlerts))
            {
                error = $"Dòng {i + 1}: cần \"trang số-giây\", trang bắt đầu bằng /wall (ví dụ: /wall 60), hoặc \"{FollowAlerts} số-giây\".";
                return null;
            }
            if (parts[0] == FollowAlerts && items.Any(item => item.Path == FollowAlerts))
            {
                error = $"Dòng {i + 1}: \"{FollowAlerts}\" chỉ cần một lần.";
                return null;
            }
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < MinSeconds or > MaxSeconds)
            {
                error = $"Dòng {i + 1}: thời lượng phải là số giây từ {MinSeconds} đến {MaxSeconds}.";
                return null;
            }
            items.Add(new PlaylistItem(parts[0], seconds));
        }
        if (items.Count > MaxItems)
        {
            error = $"Danh sách phát có tối đa {MaxItems} mục.";
            return null;
        }
        return items;
    }

    /// <summary>The text form of a playlist, as the fleet page shows it for editing.</summary>
    public static string Format(IEnumerable<PlaylistItem> items) =>
        string.Join("\n", items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Path} {i.Seconds}")));
}

using System.Text.Json;

namespace MonitoringCenter.Web.Audit;

/// <summary>
/// An audit row's detail made readable: the fields its <c>before</c> and <c>after</c> objects hold,
/// side by side (see <see cref="Platform.AuditLog"/>), and its other keys as context.
/// </summary>
public sealed record AuditDetail(IReadOnlyList<AuditDetail.Change> Changes, IReadOnlyList<KeyValuePair<string, string>> Context)
{
    public sealed record Change(string Field, string? Before, string? After)
    {
        public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
    }

    public static AuditDetail Parse(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new AuditDetail([], [new("", Text(root))]);
        }
        var before = Fields(root, "before");
        var after = Fields(root, "after");
        var changes = before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal)
            .Select(field => new Change(field, before.GetValueOrDefault(field), after.GetValueOrDefault(field)))
            .ToList();
        var context = root.EnumerateObject()
            .Where(p => !(p.Name is "before" or "after" && p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null))
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => new KeyValuePair<string, string>(p.Name, Text(p.Value)))
            .ToList();
        return new AuditDetail(changes, context);
    }

    private static Dictionary<string, string?> Fields(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : Text(p.Value), StringComparer.Ordinal)
            : new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Strings without their quotes; anything else as its JSON.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}

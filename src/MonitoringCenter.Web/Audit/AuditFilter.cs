using System.Globalization;

namespace MonitoringCenter.Web.Audit;

/// <summary>
/// The audit page's and its CSV export's filters, as they travel in the query string: <c>actor</c>
/// (part of the name, any case), <c>action</c> (an action, or a family: <c>alert</c> matches
/// <c>alert.acknowledge</c>), <c>province</c> (code), <c>from</c> and <c>to</c> (days, inclusive, in the
/// statistics time zone).
/// </summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Province = null, DateOnly? From = null, DateOnly? To = null)
{
    public static AuditFilter Parse(string? actor, string? action, string? province, string? from, string? to) => new(
        Clean(actor), Clean(action), Clean(province), Day(from), Day(to));

    public static AuditFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Parse(query["actor"], query["action"], query["province"], query["from"], query["to"]);
    }

    /// <summary>The query string (without "?") that <see cref="FromQuery"/> reads back, with <paramref name="page"/> when past the first.</summary>
    public string ToQuery(int page = 1)
    {
        var values = new List<KeyValuePair<string, string?>>();
        Add("actor", Actor);
        Add("action", Action);
        Add("province", Province);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return QueryString.Create(values).ToUriComponent().TrimStart('?');

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>Field checks shared by events and reports; errors are collected under names like <c>events[3].amount</c>.</summary>
internal sealed partial class Validation
{
    /// <summary>No case may carry more than this many đồng (the largest judgments are below 10^15), so sums in the read models cannot overflow.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    public static IReadOnlySet<string> ProvinceCodes { get; } =
        ReferenceData.Provinces.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> OfficeCodes { get; } = ReferenceData.Provinces
        .SelectMany(p => Enumerable.Range(1, p.RegionalOffices).Select(n => ReferenceData.OfficeCode(p.Code, n)))
        .ToHashSet(StringComparer.Ordinal);

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    public Dictionary<string, string[]> Errors() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Printable, bounded identifiers: no control characters, nothing that needs escaping in a log line.</summary>
    public string? Identifier(string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
            return null;
        }
        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return null;
        }
        if (!IdentifierPattern().IsMatch(value))
        {
            Add(field, "may hold only letters, digits and . _ : / -");
            return null;
        }
        return value;
    }

    public string? Province(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
            return null;
        }
        if (!ProvinceCodes.Contains(value))
        {
            Add(field, "is not a known province code");
            return null;
        }
        return value;
    }

    public string? Office(string field, string? value, string? province)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
            return null;
        }
        if (!OfficeCodes.Contains(value))
        {
            Add(field, "is not a known regional office code");
            return null;
        }
        if (province is not null && CaseHistory.ProvinceOf(value) != province)
        {
            Add(field, $"is not an office of province {province}");
            return null;
        }
        return value;
    }

    /// <summary>One of the wire <paramref name="names"/> (of event types, categories...), read as what it names.</summary>
    public T? OneOf<T>(string field, string? value, IReadOnlyDictionary<string, T> names) where T : struct
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
            return null;
        }
        if (names.TryGetValue(value, out var named))
        {
            return named;
        }
        Add(field, $"must be one of {string.Join(", ", names.Keys)}");
        return null;
    }

    public long? Amount(string field, long? value, bool required, bool positive = false)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "is required");
            }
            return null;
        }
        if (value < 0 || (positive && value == 0))
        {
            Add(field, positive ? "must be a positive whole number of đồng" : "must not be negative");
            return null;
        }
        if (value > MaxAmount)
        {
            Add(field, $"must be at most {MaxAmount} đồng");
            return null;
        }
        return value;
    }

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>An instant with an explicit offset (or Z), or a plain date read in <paramref name="zone"/>.</summary>
    public static bool TryParseInstant(string? value, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (value is null || value.Length > 40)
        {
            return false;
        }
        if (TryParseDate(value, out var date))
        {
            if (date.Year is < 1900 or > 9000)
            {
                return false;
            }
            var local = date.ToDateTime(TimeOnly.MinValue);
            instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }
        // Far-off years are refused here, so converting to the statistics time zone cannot overflow.
        return OffsetPattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)
            && instant.Year is >= 1900 and <= 9000;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:/\-]+$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetPattern();
}

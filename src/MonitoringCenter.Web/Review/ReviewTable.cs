using System.Globalization;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Wall;

namespace MonitoringCenter.Web.Review;

/// <summary>How a value of the review table reads, on screen and in an export.</summary>
public enum ReviewKind
{
    Text,
    Count,
    Money,
    Rate,
    Points,
    PerDay,
}

/// <summary>A column of the review table: its key (for the sort in the address), header, kind and value.</summary>
public sealed record ReviewColumn(string Key, string Header, ReviewKind Kind, Func<ReviewProvince, object?> Value, Func<NationalSnapshot, Category?, object?>? Total = null)
{
    /// <summary>The value as the screen shows it.</summary>
    public string Text(object? value) => value switch
    {
        null => "–",
        string s => s,
        long n when Kind == ReviewKind.Money => VietnameseFormat.Money(n),
        long n => VietnameseFormat.Count(n),
        decimal d when Kind == ReviewKind.Rate => VietnameseFormat.Percent(d),
        decimal d when Kind == ReviewKind.Points => VietnameseFormat.Points(d),
        decimal d when Kind == ReviewKind.PerDay => VietnameseFormat.OneDecimal(d),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>"good", "bad" or "" for a signed comparison: the colour a reader expects.</summary>
    public static string Sign(object? value) => value is decimal d && d != 0 ? (d > 0 ? "good" : "bad") : "";
}

/// <summary>
/// What the table shows: the sort, the filters, the category; and what the map is coloured by (null:
/// the pace status; another indicator puts the map, not the table, on a presented room's screens).
/// Read from and written to the address.
/// </summary>
public sealed record ReviewView(string Sort = ReviewTable.DefaultSort, bool Descending = false, bool CentralOnly = false, bool LaggingOnly = false,
    Category? Category = null, MapIndicator? Map = null)
{
    public string Query
    {
        get
        {
            var parts = new List<string>();
            if (Sort != ReviewTable.DefaultSort || Descending)
            {
                parts.Add("sort=" + Uri.EscapeDataString(Sort));
            }
            if (Descending)
            {
                parts.Add("desc=1");
            }
            if (CentralOnly)
            {
                parts.Add("central=1");
            }
            if (LaggingOnly)
            {
                parts.Add("lagging=1");
            }
            if (Category is { } category)
            {
                parts.Add("category=" + ReviewTable.CategoryKey(category));
            }
            if (Map is { } map)
            {
                parts.Add(MapIndicator.QueryName + "=" + map.Key);
            }
            return string.Join("&", parts);
        }
    }

    public static ReviewView Read(string? sort, string? desc, string? central, string? lagging, string? category, string? map = null) => new(
        ReviewTable.Columns(ReviewTable.ReadCategory(category)).Any(c => c.Key == sort) ? sort! : ReviewTable.DefaultSort,
        desc == "1", central == "1", lagging == "1", ReviewTable.ReadCategory(category), ReadMap(map));

    /// <summary>A map indicator a review offers, other than the pace status (the table's own colours): null for none.</summary>
    public static MapIndicator? ReadMap(string? key) => MapIndicator.Frozen.FirstOrDefault(i => i.Key == key && !i.IsDefault);
}

/// <summary>
/// The review table, one definition for the screen, the XLSX and the CSV, so an export is exactly
/// the table shown: the same columns, filters, order and frozen point.
/// </summary>
public static class ReviewTable
{
    public const string DefaultSort = "case-pace";

    // Province names in Vietnamese alphabetical order (Đ after D, tones after the bare letter).
    private static readonly CompareInfo Names = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    public static IReadOnlyList<(Category Category, string Key, string Name)> CategoryNames { get; } =
    [
        (Category.CorruptionEconomic, "corruption", "Tham nhũng, kinh tế"),
        (Category.CreditBanking, "credit", "Tín dụng, ngân hàng"),
        (Category.Administrative, "administrative", "Hành chính"),
        (Category.OtherCivil, "civil", "Dân sự khác"),
    ];

    public static string CategoryKey(Category category) => CategoryNames.First(c => c.Category == category).Key;

    public static string CategoryName(Category category) => CategoryNames.First(c => c.Category == category).Name;

    public static Category? ReadCategory(string? key) => CategoryNames.FirstOrDefault(c => c.Key == key) is { Key: not null } found ? found.Category : null;

    private static decimal? Diff(decimal? a, decimal? b) => a is { } x && b is { } y ? x - y : null;

    private static Indicators Of(ReviewProvince p, Category category) => p.Categories.GetValueOrDefault(category, Indicators.Zero);

    private static string Source(ReviewProvince p) => p.Report is { } r ? "Báo cáo " + r.Word : p.Progress.Source is { HasCases: true } ? "Dữ liệu vụ việc" : "Chưa có";

    /// <summary>The columns: with no category, totals against targets and pace; with one, that category's figures.</summary>
    public static IReadOnlyList<ReviewColumn> Columns(Category? category) => category is { } c
        ?
        [
            new("name", "Tỉnh, thành phố", ReviewKind.Text, p => p.Name, (_, _) => "Toàn quốc"),
            new("cases-conditions", "Việc có điều kiện", ReviewKind.Count, p => Of(p, c).CasesWithConditions, (n, k) => n.Of(k!.Value).CasesWithConditions),
            new("cases-completed", "Việc xong", ReviewKind.Count, p => Of(p, c).CasesCompleted, (n, k) => n.Of(k!.Value).CasesCompleted),
            new("case-rate", "Tỷ lệ việc", ReviewKind.Rate, p => Of(p, c).CaseRate, (n, k) => n.Of(k!.Value).CaseRate),
            new("money-conditions", "Tiền có điều kiện", ReviewKind.Money, p => Of(p, c).MoneyWithConditions, (n, k) => n.Of(k!.Value).MoneyWithConditions),
            new("money-collected", "Tiền thu được", ReviewKind.Money, p => Of(p, c).MoneyCollected, (n, k) => n.Of(k!.Value).MoneyCollected),
            new("money-rate", "Tỷ lệ tiền", ReviewKind.Rate, p => Of(p, c).MoneyRate, (n, k) => n.Of(k!.Value).MoneyRate),
            new("source", "Nguồn số liệu", ReviewKind.Text, Source),
        ]
        :
        [
            new("name", "Tỉnh, thành phố", ReviewKind.Text, p => p.Name, (_, _) => "Toàn quốc"),
            new("cases-conditions", "Việc có điều kiện", ReviewKind.Count, p => p.Progress.Current.CasesWithConditions, (n, _) => n.Total.CasesWithConditions),
            new("cases-completed", "Việc xong", ReviewKind.Count, p => p.Progress.Current.CasesCompleted, (n, _) => n.Total.CasesCompleted),
            new("case-rate", "Tỷ lệ việc", ReviewKind.Rate, p => p.Progress.Cases.Rate, (n, _) => n.Total.CaseRate),
            new("case-target", "Chỉ tiêu việc", ReviewKind.Rate, p => p.Progress.Cases.Target, (n, _) => n.CaseTarget),
            new("case-pace", "So với tiến độ (việc)", ReviewKind.Points, p => Diff(p.Progress.Cases.Rate, p.Progress.Cases.Expected),
                (n, _) => Diff(n.Total.CaseRate, n.CaseExpected ?? n.CaseTarget)),
            new("case-needed", "Việc còn thiếu để đạt chỉ tiêu", ReviewKind.Count, p => p.Progress.Cases.NeededForTarget),
            new("case-per-day", "Việc cần mỗi ngày", ReviewKind.PerDay, p => p.Progress.Cases.NeededPerDay),
            new("case-last-year", "So cùng kỳ (việc)", ReviewKind.Points, p => Diff(p.Progress.Cases.Rate, p.Progress.LastYearCaseRate),
                (n, _) => n.HasLastYear ? Diff(n.Total.CaseRate, n.LastYearTotal.CaseRate) : null),
            new("money-conditions", "Tiền có điều kiện", ReviewKind.Money, p => p.Progress.Current.MoneyWithConditions, (n, _) => n.Total.MoneyWithConditions),
            new("money-collected", "Tiền thu được", ReviewKind.Money, p => p.Progress.Current.MoneyCollected, (n, _) => n.Total.MoneyCollected),
            new("money-rate", "Tỷ lệ tiền", ReviewKind.Rate, p => p.Progress.Money.Rate, (n, _) => n.Total.MoneyRate),
            new("money-target", "Chỉ tiêu tiền", ReviewKind.Rate, p => p.Progress.Money.Target, (n, _) => n.MoneyTarget),
            new("money-pace", "So với tiến độ (tiền)", ReviewKind.Points, p => Diff(p.Progress.Money.Rate, p.Progress.Money.Expected),
                (n, _) => Diff(n.Total.MoneyRate, n.MoneyExpected ?? n.MoneyTarget)),
            new("money-needed", "Tiền còn thiếu để đạt chỉ tiêu", ReviewKind.Money, p => p.Progress.Money.NeededForTarget),
            new("money-per-day", "Tiền cần mỗi ngày", ReviewKind.Money, p => p.Progress.Money.NeededPerDay is { } d ? (long)Math.Round(d) : null),
            new("money-last-year", "So cùng kỳ (tiền)", ReviewKind.Points, p => Diff(p.Progress.Money.Rate, p.Progress.LastYearMoneyRate),
                (n, _) => n.HasLastYear ? Diff(n.Total.MoneyRate, n.LastYearTotal.MoneyRate) : null),
            new("source", "Nguồn số liệu", ReviewKind.Text, Source),
        ];

    /// <summary>The provinces the view shows, in its order (nulls last either way, then by code).</summary>
    public static IReadOnlyList<ReviewProvince> Rows(ReviewModel model, ReviewView view)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(view);
        var column = Columns(view.Category).FirstOrDefault(c => c.Key == view.Sort) ?? Columns(view.Category).First(c => c.Key == "name");
        IEnumerable<ReviewProvince> rows = model.Provinces;
        if (view.CentralOnly)
        {
            rows = rows.Where(p => p.CentrallyRun);
        }
        if (view.LaggingOnly)
        {
            rows = rows.Where(p => p.Progress.Status is PaceStatus.Behind or PaceStatus.Lagging);
        }
        var list = rows.ToList();
        list.Sort((a, b) =>
        {
            var (x, y) = (column.Value(a), column.Value(b));
            if (x is null || y is null)
            {
                return x is null && y is null ? string.CompareOrdinal(a.Code, b.Code) : x is null ? 1 : -1;
            }
            var order = x is string sx ? Names.Compare(sx, (string)y) : Comparer<object>.Default.Compare(Convert.ToDecimal(x, CultureInfo.InvariantCulture), Convert.ToDecimal(y, CultureInfo.InvariantCulture));
            order = view.Descending ? -order : order;
            return order != 0 ? order : string.CompareOrdinal(a.Code, b.Code);
        });
        return list;
    }
}

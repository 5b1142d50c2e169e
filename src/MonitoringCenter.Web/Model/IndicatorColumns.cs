namespace MonitoringCenter.Web.Model;

/// <summary>
/// The six indicator columns of <c>kpi_daily</c>, <c>kpi_delta</c> and <c>statistical_report_line</c>,
/// in the order of <see cref="Indicators"/>' constructor.
/// </summary>
public static class IndicatorColumns
{
    public const string List = "cases_to_enforce, cases_with_conditions, cases_completed, money_to_enforce, money_with_conditions, money_collected";

    public static IReadOnlyList<string> Names { get; } = List.Split(", ");

    /// <summary>Each column through <paramref name="expression"/>, in order and comma-separated: <c>Each(c => $"sum(k.{c})")</c>.</summary>
    public static string Each(Func<string, string> expression) => string.Join(", ", Names.Select(expression));
}

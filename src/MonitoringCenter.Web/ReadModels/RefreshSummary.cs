using System.Globalization;

namespace MonitoringCenter.Web.ReadModels;

/// <summary>A refresh job's result as the dashboard's job history shows it.</summary>
internal static class RefreshSummary
{
    public static string Of(RefreshResult result) => result.NothingToDo
        ? $"{result.Kind}: nothing to do"
        : string.Create(CultureInfo.InvariantCulture,
            $"{result.Kind}: {result.RowsWritten} rows, {result.Provinces.Count} provinces, years {string.Join(",", result.Years)}, {result.Duration.TotalMilliseconds:0} ms");
}

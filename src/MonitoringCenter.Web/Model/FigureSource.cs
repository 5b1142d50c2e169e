namespace MonitoringCenter.Web.Model;

/// <summary>
/// Where a province's figures of a statistical year come from. Case-level data wins: a province
/// with cases is counted from them even when it also sent statistical reports (and the screens
/// say so); one without cases is counted from its reports.
/// </summary>
/// <param name="Report">The effective province report of the latest period ended by the day shown (null without one).</param>
/// <param name="Due">The period end a report-based province should have reported by the day shown (the latest month-end passed), or null.</param>
/// <param name="DueBy">The deadline of the <paramref name="Due"/> period's report.</param>
public sealed record FigureSource(bool HasCases, bool HasReports, ReportVersion? Report = null, DateOnly? Due = null, DateOnly? DueBy = null)
{
    /// <summary>A province counted from reports whose report for the due period has not come (or one with no data at all): "chưa báo cáo", never zero.</summary>
    public bool NotReported => !HasCases && Due is { } due && (Report is null || Report.PeriodEnd < due);

    public bool FromReports => !HasCases && HasReports;

    /// <summary>Both exist; the figures shown are the case-level ones.</summary>
    public bool Both => HasCases && HasReports;

    /// <summary>The snapshot API's word for it: cases, reports or none.</summary>
    public string Name => HasCases ? "cases" : HasReports ? "reports" : "none";

    /// <summary>One sentence for a screen; empty when nothing needs saying (no data at all).</summary>
    public string Sentence => (HasCases, HasReports) switch
    {
        (true, true) => "Nguồn số liệu: dữ liệu vụ việc. Tỉnh cũng gửi báo cáo thống kê; màn hình dùng dữ liệu vụ việc.",
        (true, false) => "Nguồn số liệu: dữ liệu vụ việc.",
        (false, true) => Report is { } r
            ? $"Nguồn số liệu: báo cáo thống kê {r.Word} kỳ đến {VietnameseFormat.Date(r.PeriodEnd)}, nhận lúc {VietnameseFormat.Time(r.ReceivedAt)}"
              + (r.RevisionText is { } revision ? $"; {revision}" : "")
              + (NotReported ? $". Chưa báo cáo kỳ đến {VietnameseFormat.Date(Due!.Value)}." : ".")
            : "Nguồn số liệu: báo cáo thống kê (chưa có dữ liệu vụ việc năm này).",
        _ => "",
    };
}

namespace MonitoringCenter.Web.Model;

/// <summary>The statistical reports' calendar.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>Days after a period's end by which its report is due; later it is late, and missing shows "chưa báo cáo".</summary>
    public int DeadlineDays { get; set; } = 10;

    /// <summary>Where a province has both case data and its own report: a difference beyond this share of the reported figure is flagged.</summary>
    public decimal ReconcileTolerance { get; set; } = 0.01m;
}

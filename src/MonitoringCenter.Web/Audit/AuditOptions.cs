namespace MonitoringCenter.Web.Audit;

/// <summary>The audit trail's retention and sealing.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// Rows older than this many months are deleted by the daily retention job. At least 12
    /// (Decree 53/2022); the database refuses to delete younger rows whatever this says.
    /// </summary>
    public int RetentionMonths { get; set; } = 12;

    /// <summary>The daily retention job's cron expression, in the statistics time zone.</summary>
    public string RetentionCron { get; set; } = "30 2 * * *";

    /// <summary>How often a node chains the audit rows written since (the first node to look does it).</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);
}

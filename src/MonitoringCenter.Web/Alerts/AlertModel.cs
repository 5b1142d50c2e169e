namespace MonitoringCenter.Web.Alerts;

public enum AlertSeverity : short
{
    Info = 1,
    Warning = 2,
    Critical = 3,
}

public enum AlertState
{
    Pending,
    Firing,
    Acknowledged,
    Resolved,
}

/// <summary>
/// What one rule measured for one subject. <see cref="Breached"/>: at or past the firing threshold;
/// <see cref="Cleared"/>: below the threshold minus the hysteresis; neither: inside the band, where
/// an alert keeps its state.
/// </summary>
public sealed record Observation(string Rule, string Subject, decimal Value, decimal Threshold, AlertSeverity Severity,
    bool Breached, bool Cleared, string Message);

/// <summary>An alert that is not resolved yet, as the lifecycle needs it.</summary>
public sealed record OpenAlert(long Id, string Rule, string Subject, AlertState State, AlertSeverity Severity,
    DateTimeOffset ConditionSince, DateTimeOffset? ClearSince);

/// <summary>An alert as the screens show it.</summary>
public sealed record AlertView(
    long Id,
    string Rule,
    string Subject,
    string? SubjectName,
    AlertSeverity Severity,
    AlertState State,
    string Message,
    decimal Value,
    decimal Threshold,
    DateTimeOffset ConditionSince,
    DateTimeOffset? FiredAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? ResolveReason,
    DateTimeOffset? SnoozedUntil,
    DateTimeOffset UpdatedAt)
{
    public string Title => AlertRules.Title(Rule);

    public string Where => Subject.Length == 0 ? "Hệ thống" : SubjectName ?? Subject;

    /// <summary>The province the alert concerns (its subject is a province's code), or null for the system's own alerts.</summary>
    public string? Province => SubjectName is null ? null : Subject;

    public bool SnoozedAt(DateTimeOffset now) => SnoozedUntil is { } until && until > now;
}

public sealed record AlertTransitionView(long Id, DateTimeOffset At, string Action, AlertState? FromState, AlertState ToState, string Actor, string? Note);

/// <summary>The ticker on the wall: the active alerts worst first (at most a screenful) and how many there are in all.</summary>
public sealed record AlertTickerModel(IReadOnlyList<AlertView> Alerts, int Total, DateTimeOffset Now);

/// <summary>The critical alert that interrupts the wall, if any.</summary>
public sealed record AlertInterruptionModel(AlertView? Alert);

public static class AlertText
{
    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "Nghiêm trọng",
        AlertSeverity.Warning => "Cảnh báo",
        _ => "Thông tin",
    };

    public static string State(AlertState state) => state switch
    {
        AlertState.Pending => "Chờ xác định",
        AlertState.Firing => "Đang cảnh báo",
        AlertState.Acknowledged => "Đã tiếp nhận",
        _ => "Đã xử lý",
    };

    public static string Action(string action) => action switch
    {
        "open" => "Phát hiện",
        "fire" => "Kích hoạt",
        "acknowledge" => "Tiếp nhận",
        "comment" => "Ghi chú",
        "snooze" => "Tạm ẩn",
        "escalate" => "Đổi mức độ",
        "resolve" => "Kết thúc",
        _ => action,
    };

    public static string Css(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.Warning => "warning",
        _ => "info",
    };

    public static string Db(AlertState state) => state.ToString().ToLowerInvariant();

    public static AlertState ParseState(string state) => Enum.Parse<AlertState>(state, ignoreCase: true);
}

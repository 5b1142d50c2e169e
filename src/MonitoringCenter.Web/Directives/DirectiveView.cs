namespace MonitoringCenter.Web.Directives;

/// <summary>A directive as the board and the province page show it. <see cref="DaysOverdue"/> is counted on the center's calendar.</summary>
public sealed record DirectiveView(
    long Id,
    string ProvinceCode,
    string ProvinceName,
    string Title,
    string? Body,
    DateOnly DueOn,
    string Responsible,
    long? AlertId,
    long? ReviewNoteId,
    DirectiveState State,
    int Progress,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? DoneBy,
    DateTimeOffset? DoneAt,
    DateTimeOffset UpdatedAt,
    DirectiveBucket Bucket,
    int DaysOverdue);

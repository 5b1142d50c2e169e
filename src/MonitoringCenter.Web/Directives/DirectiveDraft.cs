namespace MonitoringCenter.Web.Directives;

/// <summary>A directive about to be issued: to which province, what, by when, who answers for it, and what it came from.</summary>
public sealed record DirectiveDraft(string ProvinceCode, string Title, string? Body, DateOnly DueOn, string Responsible,
    long? AlertId = null, long? ReviewNoteId = null);

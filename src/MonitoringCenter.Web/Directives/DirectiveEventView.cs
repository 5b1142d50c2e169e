namespace MonitoringCenter.Web.Directives;

/// <summary>One change in a directive's history.</summary>
public sealed record DirectiveEventView(long Id, DateTimeOffset At, string Action, string Actor, string? Note, int? Progress);

namespace MonitoringCenter.Web.Directives;

/// <summary>The outcome of issuing a directive, and its id when it was issued.</summary>
public sealed record IssueResult(DirectiveOutcome Outcome, long? Id);

namespace MonitoringCenter.Web.Directives;

/// <summary>
/// What the board's prerender read, handed to its circuit (persisted component state) so the page
/// does not flash empty while the circuit starts, nor read everything twice. <see cref="LastEvent"/>
/// tells the circuit whether a directive changed in between.
/// </summary>
public sealed record DirectiveBoardSnapshot(
    IReadOnlyList<DirectiveView> Directives,
    DirectiveCounts Counts,
    IReadOnlyList<ProvinceDirectives> ByProvince,
    DirectiveView? Selected,
    IReadOnlyList<DirectiveEventView> History,
    DateTimeOffset LoadedAt,
    long LastEvent);

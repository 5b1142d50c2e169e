namespace MonitoringCenter.Web.Screens;

/// <summary>
/// One load of a view: its fragments, and chart series for the browser module (any record; sent
/// as JSON). <see cref="Model"/> is what the page renders around the fragments.
/// </summary>
public sealed record ScreenContent(IReadOnlyList<ScreenFragment> Fragments, object? Charts = null, object? Model = null);

namespace MonitoringCenter.Web.ReadModels;

/// <summary>A (statistical year, province) pair marked in <c>refresh_dirty</c>: recount it from <paramref name="FromDay"/> on (the whole year when null).</summary>
/// <param name="Number">The mark's number: the refresh clears only the marks it saw, so a newer one survives.</param>
public sealed record RefreshMark(int Year, string Province, long Number, DateOnly? FromDay);

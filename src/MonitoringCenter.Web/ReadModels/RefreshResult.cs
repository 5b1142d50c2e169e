namespace MonitoringCenter.Web.ReadModels;

public sealed record RefreshResult(string Kind, IReadOnlyList<int> Years, IReadOnlyList<string> Provinces, int RowsWritten, TimeSpan Duration, long? Version)
{
    public bool NothingToDo => Years.Count == 0;
}

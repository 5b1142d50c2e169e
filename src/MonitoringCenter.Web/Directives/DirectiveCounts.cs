namespace MonitoringCenter.Web.Directives;

/// <summary>How many directives are in each of the board's tabs (Open counts every directive not done, overdue and due soon included).</summary>
public sealed record DirectiveCounts(int Open, int DueSoon, int Overdue, int Done)
{
    public static DirectiveCounts Empty { get; } = new(0, 0, 0, 0);

    public int All => Open + Done;

    public int Count(DirectiveBucket bucket) => bucket switch
    {
        DirectiveBucket.Open => Open,
        DirectiveBucket.DueSoon => DueSoon,
        DirectiveBucket.Overdue => Overdue,
        DirectiveBucket.Done => Done,
        _ => All,
    };
}

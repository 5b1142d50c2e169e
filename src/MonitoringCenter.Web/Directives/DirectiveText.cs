namespace MonitoringCenter.Web.Directives;

/// <summary>The directives' words on screen and in the database.</summary>
public static class DirectiveText
{
    public static string Db(DirectiveState state) => state switch
    {
        DirectiveState.Issued => "issued",
        DirectiveState.Acknowledged => "acknowledged",
        _ => "done",
    };

    public static DirectiveState ParseState(string state) => state switch
    {
        "issued" => DirectiveState.Issued,
        "acknowledged" => DirectiveState.Acknowledged,
        "done" => DirectiveState.Done,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a directive state."),
    };

    public static string State(DirectiveState state) => state switch
    {
        DirectiveState.Issued => "Chờ tiếp nhận",
        DirectiveState.Acknowledged => "Đang thực hiện",
        _ => "Đã hoàn thành",
    };

    public static string Bucket(DirectiveBucket bucket) => bucket switch
    {
        DirectiveBucket.Open => "Đang mở",
        DirectiveBucket.DueSoon => "Sắp đến hạn",
        DirectiveBucket.Overdue => "Quá hạn",
        DirectiveBucket.Done => "Đã hoàn thành",
        _ => "Tất cả",
    };

    public static string Css(DirectiveBucket bucket) => bucket switch
    {
        DirectiveBucket.Open => "open",
        DirectiveBucket.DueSoon => "due-soon",
        DirectiveBucket.Overdue => "overdue",
        DirectiveBucket.Done => "done",
        _ => "all",
    };

    public static string Action(string action) => action switch
    {
        "issue" => "Giao chỉ đạo",
        "acknowledge" => "Tiếp nhận",
        "progress" => "Báo cáo tiến độ",
        "done" => "Hoàn thành",
        _ => action,
    };
}

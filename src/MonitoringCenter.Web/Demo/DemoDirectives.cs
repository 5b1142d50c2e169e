using Dapper;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Demo;

/// <summary>
/// A few directives for the demo, so the board, the province pages and the overdue escalation have
/// something to show: one in each state (issued, acknowledged with progress, due soon, overdue,
/// done), dated from today. Written only into a database without any directive, so running
/// <c>seed</c> again adds nothing and never touches real ones.
/// </summary>
public sealed class DemoDirectives(NpgsqlDataSource dataSource, Clock clock)
{
    private const string Leader = "lanh.dao@thads.local (dữ liệu mẫu)";

    private sealed record Seed(string Province, string Title, string Responsible, int DueInDays, int IssuedDaysAgo, string State, int Progress,
        string? ProgressNote);

    private static readonly Seed[] Seeds =
    [
        new("79", "Rà soát, phân loại các việc giá trị lớn chưa có tiến triển trên 60 ngày", "Cục trưởng Cục THADS TP. Hồ Chí Minh", 10, 12,
            "acknowledged", 40, "Đã rà soát 5/12 phòng khu vực"),
        new("01", "Báo cáo kết quả thi hành các vụ việc Ban Chỉ đạo Trung ương theo dõi, chỉ đạo", "Cục trưởng Cục THADS TP. Hà Nội", -3, 20,
            "issued", 0, null),
        new("24", "Xây dựng kế hoạch giảm số việc kéo dài trên 1 năm", "Phó Cục trưởng phụ trách nghiệp vụ", 3, 9, "acknowledged", 0, null),
        new("86", "Kiểm tra các việc hoãn, tạm đình chỉ quá 90 ngày tại các phòng khu vực", "Trưởng phòng Nghiệp vụ", 14, 2, "issued", 0, null),
        new("19", "Tập trung thi hành các việc tín dụng, ngân hàng có điều kiện", "Cục trưởng Cục THADS tỉnh Thái Nguyên", 5, 25,
            "done", 100, "Đã thi hành xong 48/50 việc; 2 việc chuyển xác minh lại"),
    ];

    /// <returns>How many directives were written (0 when the database already had some).</returns>
    public async Task<int> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One seeder at a time, and only into a board nobody has used.
        await connection.ExecuteAsync(new CommandDefinition("lock table directive in exclusive mode", transaction: transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from directive)", transaction: transaction,
            cancellationToken: cancellationToken)))
        {
            return 0;
        }
        var now = clock.Now.ToUniversalTime();
        var today = clock.Today;
        foreach (var seed in Seeds)
        {
            var issuedAt = now.AddDays(-seed.IssuedDaysAgo);
            var answeredAt = issuedAt.AddDays(1);
            var doneAt = seed.State == "done" ? now.AddDays(-1) : (DateTimeOffset?)null;
            var province = seed.Province;
            var answeredBy = $"van.hanh.{province}@thads.local (dữ liệu mẫu)";
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                insert into directive (province_code, title, due_on, responsible, state, progress, issued_by, issued_at,
                                       acknowledged_by, acknowledged_at, done_by, done_at, updated_at)
                values (@province, @Title, @dueOn, @Responsible, @State, @Progress, @Leader, @issuedAt,
                        case when @State <> 'issued' then @answeredBy end, case when @State <> 'issued' then @answeredAt end,
                        case when @State = 'done' then @answeredBy end, @doneAt, coalesce(@doneAt, case when @State <> 'issued' then @answeredAt end, @issuedAt))
                returning id
                """, new { province, seed.Title, dueOn = today.AddDays(seed.DueInDays), seed.Responsible, seed.State, seed.Progress, Leader, issuedAt,
                    answeredBy, answeredAt, doneAt }, transaction, cancellationToken: cancellationToken));
            var events = new List<(DateTimeOffset At, string Action, string Actor, string? Note, int? Progress)> { (issuedAt, "issue", Leader, seed.Title, 0) };
            if (seed.State != "issued")
            {
                events.Add((answeredAt, "acknowledge", answeredBy, null, null));
            }
            if (seed.ProgressNote is { } note)
            {
                events.Add((doneAt ?? answeredAt.AddHours(4), seed.State == "done" ? "done" : "progress", answeredBy, note, seed.Progress));
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into directive_event (directive_id, at, action, actor, note, progress) values (@id, @At, @Action, @Actor, @Note, @Progress)
                """, events.Select(e => new { id, e.At, e.Action, e.Actor, e.Note, Progress = (short?)e.Progress }), transaction,
                cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return Seeds.Length;
    }
}

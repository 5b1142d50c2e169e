using System.ComponentModel.DataAnnotations;
using MonitoringCenter.Web.Alerts;

namespace MonitoringCenter.Tests.Alerts;

[Trait("Category", "Unit")]
public sealed class AlertActionFormTests
{
    private static Dictionary<string, string> Problems(AlertActionForm form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        return results.ToDictionary(r => r.MemberNames.Single(), r => r.ErrorMessage!);
    }

    [Fact]
    public void Acknowledge_NeedsNothing_TheSignedInPersonActs()
    {
        Assert.Empty(Problems(new AlertActionForm { Action = AlertAction.Acknowledge }));
        Assert.DoesNotContain(typeof(AlertActionForm).GetProperties(), p => p.Name is "Operator" or "Actor");
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_BesideItsField()
    {
        var problems = Problems(new AlertActionForm { Note = new string('x', 501), SnoozeMinutes = 1, Action = AlertAction.Snooze });

        Assert.Equal("Ghi chú dài quá 500 ký tự (hiện có 501).", problems["Note"]);
        Assert.Equal("Thời gian tạm ẩn từ 5 phút đến 24 giờ (1440 phút).", problems["SnoozeMinutes"]);
    }

    [Fact]
    public void CommentAndResolve_NeedText_AndNotesHaveALengthLimit()
    {
        Assert.Equal("Nhập nội dung ghi chú.", Problems(new AlertActionForm { Action = AlertAction.Comment })["Note"]);
        Assert.Equal("Nhập lý do kết thúc cảnh báo.", Problems(new AlertActionForm { Note = "  ", Action = AlertAction.Resolve })["Note"]);
        Assert.Empty(Problems(new AlertActionForm { Note = new string('x', 500), Action = AlertAction.Comment }));
        Assert.Equal("Ghi chú dài quá 500 ký tự (hiện có 501).",
            Problems(new AlertActionForm { Note = new string('x', 501), Action = AlertAction.Acknowledge })["Note"]);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(1440, true)]
    [InlineData(1441, false)]
    public void Snooze_LastsFiveMinutesToADay(int minutes, bool valid)
    {
        var problems = Problems(new AlertActionForm { SnoozeMinutes = minutes, Action = AlertAction.Snooze });

        Assert.Equal(valid, !problems.ContainsKey("SnoozeMinutes"));
        // Other actions ignore the snooze field.
        Assert.Empty(Problems(new AlertActionForm { SnoozeMinutes = minutes, Action = AlertAction.Acknowledge }));
    }
}

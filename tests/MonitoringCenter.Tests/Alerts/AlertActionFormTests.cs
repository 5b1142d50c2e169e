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
    public void Acknowledge_NeedsOnlyAName()
    {
        Assert.Empty(Problems(new AlertActionForm { Operator = "Lê Minh Châu", Action = AlertAction.Acknowledge }));
        Assert.Equal("Nhập tên người thực hiện.", Problems(new AlertActionForm { Operator = "   ", Action = AlertAction.Acknowledge })["Operator"]);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_BesideItsField()
    {
        var problems = Problems(new AlertActionForm { Operator = null, Note = "", Action = AlertAction.Resolve });

        Assert.Equal("Nhập tên người thực hiện.", problems["Operator"]);
        Assert.Equal("Nhập lý do kết thúc cảnh báo.", problems["Note"]);
    }

    [Fact]
    public void Comment_NeedsText_AndNotesHaveALengthLimit()
    {
        Assert.Equal("Nhập nội dung ghi chú.", Problems(new AlertActionForm { Operator = "An", Action = AlertAction.Comment })["Note"]);
        Assert.Empty(Problems(new AlertActionForm { Operator = "An", Note = new string('x', 500), Action = AlertAction.Comment }));
        Assert.Equal("Ghi chú dài quá 500 ký tự (hiện có 501).",
            Problems(new AlertActionForm { Operator = "An", Note = new string('x', 501), Action = AlertAction.Acknowledge })["Note"]);
        Assert.Equal("Tên người thực hiện dài quá 100 ký tự.", Problems(new AlertActionForm { Operator = new string('a', 101) })["Operator"]);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(1440, true)]
    [InlineData(1441, false)]
    public void Snooze_LastsFiveMinutesToADay(int minutes, bool valid)
    {
        var problems = Problems(new AlertActionForm { Operator = "An", SnoozeMinutes = minutes, Action = AlertAction.Snooze });

        Assert.Equal(valid, !problems.ContainsKey("SnoozeMinutes"));
        // Other actions ignore the snooze field.
        Assert.Empty(Problems(new AlertActionForm { Operator = "An", SnoozeMinutes = minutes, Action = AlertAction.Acknowledge }));
    }
}

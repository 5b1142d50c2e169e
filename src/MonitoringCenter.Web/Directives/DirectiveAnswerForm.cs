using System.ComponentModel.DataAnnotations;

namespace MonitoringCenter.Web.Directives;

/// <summary>The province's answer to a directive: a note and, for a progress report, how far along it is.</summary>
public sealed class DirectiveAnswerForm : IValidatableObject
{
    public const int NoteMaxLength = 1000;

    public string? Note { get; set; }

    public int Progress { get; set; }

    public DirectiveAnswer Answer { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var note = Note?.Trim() ?? "";
        if (note.Length > NoteMaxLength)
        {
            yield return new ValidationResult($"Ghi chú dài quá {NoteMaxLength} ký tự (hiện có {note.Length}).", [nameof(Note)]);
        }
        else if (note.Length == 0 && Answer == DirectiveAnswer.Progress)
        {
            yield return new ValidationResult("Nhập nội dung báo cáo tiến độ.", [nameof(Note)]);
        }
        else if (note.Length == 0 && Answer == DirectiveAnswer.Complete)
        {
            yield return new ValidationResult("Nhập kết quả thực hiện chỉ đạo.", [nameof(Note)]);
        }
        if (Answer == DirectiveAnswer.Progress && Progress is < 0 or > 100)
        {
            yield return new ValidationResult("Tiến độ là phần trăm, từ 0 đến 100.", [nameof(Progress)]);
        }
    }
}

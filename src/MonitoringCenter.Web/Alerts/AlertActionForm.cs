using System.ComponentModel.DataAnnotations;

namespace MonitoringCenter.Web.Alerts;

/// <summary>
/// The console's one action form: a note, how long to snooze; who acts is the signed-in person.
/// What is required depends on the button pressed (<see cref="Action"/>), so the rules are checked
/// together here and every problem is reported at once, each beside its field.
/// </summary>
public sealed class AlertActionForm : IValidatableObject
{
    public const int NoteMaxLength = 500;
    public const int SnoozeMinMinutes = 5;
    public const int SnoozeMaxMinutes = 24 * 60;

    /// <summary>The acknowledgement's note, the comment, the snooze's or the resolution's reason.</summary>
    public string? Note { get; set; }

    public int SnoozeMinutes { get; set; } = 60;

    public AlertAction Action { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var note = Note?.Trim() ?? "";
        if (note.Length > NoteMaxLength)
        {
            yield return new ValidationResult($"Ghi chú dài quá {NoteMaxLength} ký tự (hiện có {note.Length}).", [nameof(Note)]);
        }
        else if (note.Length == 0 && Action == AlertAction.Comment)
        {
            yield return new ValidationResult("Nhập nội dung ghi chú.", [nameof(Note)]);
        }
        else if (note.Length == 0 && Action == AlertAction.Resolve)
        {
            yield return new ValidationResult("Nhập lý do kết thúc cảnh báo.", [nameof(Note)]);
        }
        if (Action == AlertAction.Snooze && SnoozeMinutes is < SnoozeMinMinutes or > SnoozeMaxMinutes)
        {
            yield return new ValidationResult($"Thời gian tạm ẩn từ {SnoozeMinMinutes} phút đến 24 giờ ({SnoozeMaxMinutes} phút).", [nameof(SnoozeMinutes)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace MonitoringCenter.Web.Directives;

/// <summary>The board's "issue a directive" form; every problem is reported at once, beside its field, in Vietnamese.</summary>
public sealed class DirectiveForm : IValidatableObject
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 2000;
    public const int ResponsibleMaxLength = 200;

    public string? ProvinceCode { get; set; }

    /// <summary>What is asked, in one line.</summary>
    public string? Title { get; set; }

    public string? Body { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>Who answers for it: a title or a name as typed (e.g. "Cục trưởng Cục THADS"), nothing else about them.</summary>
    public string? Responsible { get; set; }

    public long? AlertId { get; set; }

    public long? ReviewNoteId { get; set; }

    /// <summary>Today on the center's calendar, set by the page: a due date may not be in the past.</summary>
    public DateOnly Today { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ProvinceCode) || !Platform.ReferenceData.Provinces.Any(p => p.Code == ProvinceCode))
        {
            yield return new ValidationResult("Chọn tỉnh, thành phố nhận chỉ đạo.", [nameof(ProvinceCode)]);
        }
        var title = Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            yield return new ValidationResult("Nhập nội dung chỉ đạo (việc cần làm).", [nameof(Title)]);
        }
        else if (title.Length > TitleMaxLength)
        {
            yield return new ValidationResult($"Nội dung chỉ đạo dài quá {TitleMaxLength} ký tự (hiện có {title.Length}); phần chi tiết ghi ở ô bên dưới.", [nameof(Title)]);
        }
        if ((Body?.Trim().Length ?? 0) > BodyMaxLength)
        {
            yield return new ValidationResult($"Phần chi tiết dài quá {BodyMaxLength} ký tự.", [nameof(Body)]);
        }
        if (DueOn is not { } due)
        {
            yield return new ValidationResult("Chọn hạn hoàn thành.", [nameof(DueOn)]);
        }
        else if (due < Today)
        {
            yield return new ValidationResult("Hạn hoàn thành đã qua: chọn từ hôm nay trở đi.", [nameof(DueOn)]);
        }
        var responsible = Responsible?.Trim() ?? "";
        if (responsible.Length == 0)
        {
            yield return new ValidationResult("Nhập người hoặc chức danh chịu trách nhiệm.", [nameof(Responsible)]);
        }
        else if (responsible.Length > ResponsibleMaxLength)
        {
            yield return new ValidationResult($"Người chịu trách nhiệm dài quá {ResponsibleMaxLength} ký tự.", [nameof(Responsible)]);
        }
    }

    public DirectiveDraft ToDraft() => new(ProvinceCode!, Title!.Trim(), Body, DueOn!.Value, Responsible!.Trim(), AlertId, ReviewNoteId);
}

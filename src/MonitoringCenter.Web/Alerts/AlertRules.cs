using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Web.Alerts;

/// <summary>How the refresh job has been doing, from the scheduler's execution history.</summary>
public sealed record RefreshHealth(DateTimeOffset? LastSuccessAt, int ConsecutiveFailures, string? LastError);

/// <summary>What the rules look at in one evaluation.</summary>
public sealed record RuleInputs(DateTimeOffset Now, int DayOfYear, IReadOnlyList<UnitProgress> Provinces, RefreshHealth? Refresh);

/// <summary>
/// The alert rules, pure: they turn the provinces' progress and the refresh job's health into
/// observations. Which observations become alerts, and when, is <see cref="AlertLifecycle"/>'s business.
/// </summary>
public static class AlertRules
{
    public const string BehindPaceCases = "behind-pace-cases";
    public const string BehindPaceMoney = "behind-pace-money";
    public const string BehindLastYearCases = "behind-last-year-cases";
    public const string BehindLastYearMoney = "behind-last-year-money";
    public const string ForecastCases = "forecast-cases";
    public const string ForecastMoney = "forecast-money";
    public const string NoData = "no-data";
    public const string RefreshLate = "refresh-late";
    public const string RefreshFailing = "refresh-failing";
    public const string DirectiveOverdue = "directive-overdue";
    public const string Invariants = "invariants";
    public const string OldCasesRising = "old-cases-rising";
    public const string HighValueUntouched = "high-value-untouched";

    public static IReadOnlyList<string> All { get; } =
        [BehindPaceCases, BehindPaceMoney, BehindLastYearCases, BehindLastYearMoney, ForecastCases, ForecastMoney, NoData, RefreshLate, RefreshFailing, DirectiveOverdue, Invariants,
            OldCasesRising, HighValueUntouched];

    public static string Title(string rule) => rule switch
    {
        BehindPaceCases => "Chậm tiến độ tỷ lệ việc",
        BehindPaceMoney => "Chậm tiến độ tỷ lệ tiền",
        BehindLastYearCases => "Tỷ lệ việc thấp hơn cùng kỳ",
        BehindLastYearMoney => "Tỷ lệ tiền thấp hơn cùng kỳ",
        ForecastCases => "Dự báo không đạt chỉ tiêu việc",
        ForecastMoney => "Dự báo không đạt chỉ tiêu tiền",
        NoData => "Không nhận được số liệu",
        RefreshLate => "Cập nhật số liệu bị trễ",
        RefreshFailing => "Cập nhật số liệu bị lỗi",
        DirectiveOverdue => "Chỉ đạo quá hạn",
        Invariants => "Số liệu không khớp",
        OldCasesRising => "Vụ việc trên 1 năm tăng liên tục",
        HighValueUntouched => "Vụ việc giá trị lớn không có hoạt động",
        _ => rule,
    };

    public static IReadOnlyList<Observation> Evaluate(RuleInputs inputs, AlertOptions options)
    {
        var observations = new List<Observation>();
        void Add(Observation? observation)
        {
            if (observation is not null)
            {
                observations.Add(observation);
            }
        }
        var rates = inputs.DayOfYear >= options.GraceDays;
        foreach (var p in inputs.Provinces)
        {
            if (rates)
            {
                Add(Measure(BehindPaceCases, p.Code, Points(p.Cases.PointsBehind), options.BehindPace, v =>
                    $"Tỷ lệ việc {VietnameseFormat.Percent(p.Cases.Rate)} chậm {VietnameseFormat.PointsDistance(v / 100)} so với tiến độ ({VietnameseFormat.Percent(p.Cases.Expected)}), chậm {p.Cases.DaysBehind} ngày"));
                Add(Measure(BehindPaceMoney, p.Code, Points(p.Money.PointsBehind), options.BehindPace, v =>
                    $"Tỷ lệ tiền {VietnameseFormat.Percent(p.Money.Rate)} chậm {VietnameseFormat.PointsDistance(v / 100)} so với tiến độ ({VietnameseFormat.Percent(p.Money.Expected)}), chậm {p.Money.DaysBehind} ngày"));
                Add(Measure(BehindLastYearCases, p.Code, Points(p.LastYearCaseRate - p.Cases.Rate), options.BehindLastYear, v =>
                    $"Tỷ lệ việc {VietnameseFormat.Percent(p.Cases.Rate)} thấp hơn cùng kỳ năm trước ({VietnameseFormat.Percent(p.LastYearCaseRate)}) {VietnameseFormat.PointsDistance(v / 100)}"));
                Add(Measure(BehindLastYearMoney, p.Code, Points(p.LastYearMoneyRate - p.Money.Rate), options.BehindLastYear, v =>
                    $"Tỷ lệ tiền {VietnameseFormat.Percent(p.Money.Rate)} thấp hơn cùng kỳ năm trước ({VietnameseFormat.Percent(p.LastYearMoneyRate)}) {VietnameseFormat.PointsDistance(v / 100)}"));
                Add(Measure(ForecastCases, p.Code, Points(p.Cases.Target - p.Cases.Forecast), options.ForecastBelowTarget, v =>
                    $"Dự báo tỷ lệ việc cuối năm {VietnameseFormat.Percent(p.Cases.Forecast)}, thấp hơn chỉ tiêu {VietnameseFormat.Percent(p.Cases.Target)}"));
                Add(Measure(ForecastMoney, p.Code, Points(p.Money.Target - p.Money.Forecast), options.ForecastBelowTarget, v =>
                    $"Dự báo tỷ lệ tiền cuối năm {VietnameseFormat.Percent(p.Money.Forecast)}, thấp hơn chỉ tiêu {VietnameseFormat.Percent(p.Money.Target)}"));
            }
            // A province counted from its reports whose due report has not come: hours since its deadline.
            if (p.Source is { HasReports: true, NotReported: true, Due: { } due, DueBy: { } dueBy })
            {
                var hours = (decimal)(inputs.Now - new DateTimeOffset(dueBy.ToDateTime(TimeOnly.MinValue), inputs.Now.Offset)).TotalHours;
                Add(Measure(NoData, p.Code, hours, options.NoData, v =>
                    $"Chưa báo cáo kỳ đến {VietnameseFormat.Date(due)} (hạn {VietnameseFormat.Date(dueBy)}, đã quá {VietnameseFormat.OneDecimal(v)} giờ)"));
            }
            else if (p.LastDataAt is { } last)
            {
                var hours = (decimal)(inputs.Now - last).TotalHours;
                Add(Measure(NoData, p.Code, hours, options.NoData, v =>
                    $"Chưa có số liệu từ {VietnameseFormat.Time(last)} ({VietnameseFormat.OneDecimal(v)} giờ)"));
            }
        }
        if (inputs.Refresh is { } refresh)
        {
            if (refresh.LastSuccessAt is { } success)
            {
                Add(Measure(RefreshLate, "", (decimal)(inputs.Now - success).TotalMinutes, options.RefreshLate, v =>
                    $"Lần cập nhật thành công gần nhất lúc {VietnameseFormat.Time(success)} ({VietnameseFormat.OneDecimal(v)} phút trước)"));
            }
            Add(Measure(RefreshFailing, "", refresh.ConsecutiveFailures, options.RefreshFailing, v =>
                $"{v:0} lần cập nhật liên tiếp bị lỗi" + (refresh.LastError is { Length: > 0 } e ? ": " + Shorten(e) : "")));
        }
        return observations;
    }

    /// <summary>
    /// A province's overdue directives, measured in days past the due date of the oldest (the
    /// observations of an <see cref="IObservationSource"/> in Directives). A province with none
    /// measures 0, a cleared condition: its alert then resolves after the clear time like any other.
    /// </summary>
    public static Observation? Overdue(string province, int count, int maxDaysOverdue, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Measure(DirectiveOverdue, province, count <= 0 ? 0 : maxDaysOverdue, options.DirectiveOverdue, v =>
            count <= 0 ? "Không còn chỉ đạo quá hạn" : $"{count} chỉ đạo quá hạn, lâu nhất {v:0} ngày");
    }

    /// <summary>The read model's latest invariant check: how many broken (0 clears a raised alert).</summary>
    public static Observation? BrokenInvariants(int broken, string? first, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Measure(Invariants, "", broken, options.Invariants, v =>
            broken == 0 ? "Số liệu khớp trở lại" : $"{v:0} chỗ số liệu không khớp" + (first is null ? "" : $", ví dụ: {first}"));
    }

    /// <summary>
    /// A province's open cases over a year old, counted at the end of each of the last weeks (newest
    /// first): measured in the weeks, ending today, in which the count rose by at least
    /// <paramref name="minimumRisePercent"/> of the week before (0 when it did not rise this week: that clears).
    /// </summary>
    public static Observation? OldCasesRisingFor(string province, IReadOnlyList<long> weekly, decimal minimumRisePercent, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(weekly);
        ArgumentNullException.ThrowIfNull(options);
        var weeks = 0;
        while (weeks + 1 < weekly.Count && weekly[weeks] > weekly[weeks + 1]
               && (weekly[weeks] - weekly[weeks + 1]) * 100m >= minimumRisePercent * weekly[weeks + 1])
        {
            weeks++;
        }
        var now = weekly.Count == 0 ? 0 : weekly[0];
        return Measure(OldCasesRising, province, weeks, options.OldCasesRising, v => weeks == 0
            ? $"Số vụ việc trên 1 năm không tăng trong tuần qua ({VietnameseFormat.Count(now)} vụ)"
            : $"Số vụ việc trên 1 năm tăng {v:0} tuần liên tiếp, từ {VietnameseFormat.Count(weekly[weeks])} lên {VietnameseFormat.Count(now)} vụ");
    }

    /// <summary>A province's open high-value cases with no activity for <paramref name="days"/> days: measured in cases (0 clears).</summary>
    public static Observation? Untouched(string province, long cases, long amount, int days, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Measure(HighValueUntouched, province, cases, options.HighValueUntouched, v => cases == 0
            ? $"Không còn vụ việc giá trị lớn nào quá {days} ngày không có hoạt động"
            : $"{VietnameseFormat.Count(cases)} vụ việc giá trị lớn ({VietnameseFormat.Money(amount)}) quá {days} ngày không có hoạt động");
    }

    /// <summary>Applies a threshold with hysteresis to one measured value; null when the rule is off or there is nothing to measure.</summary>
    public static Observation? Measure(string rule, string subject, decimal? value, ThresholdRule threshold, Func<decimal, string> message)
    {
        if (!threshold.Enabled || value is not { } v)
        {
            return null;
        }
        var severity = v >= threshold.Critical ? AlertSeverity.Critical : AlertSeverity.Warning;
        return new Observation(rule, subject, v, threshold.Warning, severity,
            Breached: v >= threshold.Warning, Cleared: v < threshold.Warning - threshold.Hysteresis, message(v));
    }

    private static decimal? Points(decimal? share) => share * 100;

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

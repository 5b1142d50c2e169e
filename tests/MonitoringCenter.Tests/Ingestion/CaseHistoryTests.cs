using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.Ingestion;

[Trait("Category", "Unit")]
public sealed class CaseHistoryTests
{
    private static StoredEvent E(CaseEventType type, string on, long? amount = null, bool? withConditions = null, string office = "79-01", string? to = null, long seq = 0)
    {
        var date = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        return new StoredEvent(seq, type, new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)), date, office[..2], office,
            type == CaseEventType.Accepted ? (short)Category.CreditBanking : null, amount, withConditions, to);
    }

    [Fact]
    public void OpenCase_IsCarriedOverEachYear_WithWhatIsLeftToEnforce()
    {
        var rows = CaseHistory.Rebuild([
            E(CaseEventType.Accepted, "2025-03-01", 1_000),
            E(CaseEventType.Classified, "2025-03-02", withConditions: true),
            E(CaseEventType.Payment, "2025-04-01", 300),
            E(CaseEventType.Payment, "2025-11-01", 200),
        ], 10, lastYear: 2027).Rows;

        Assert.Equal([2025, 2026, 2027], rows.Select(r => r.Year));
        Assert.Equal([CaseOrigin.NewlyAccepted, CaseOrigin.CarriedOver, CaseOrigin.CarriedOver], rows.Select(r => r.Origin));
        Assert.Equal([1_000L, 700, 500], rows.Select(r => r.AmountToEnforce));
        Assert.Equal([300L, 200, 0], rows.Select(r => r.AmountCollected));
        Assert.Equal(new DateOnly(2025, 10, 1), rows[1].AcceptedOn);
        Assert.Equal(new DateOnly(2025, 10, 1), rows[1].ClassifiedOn);
    }

    [Fact]
    public void CompletedCase_IsNotCarriedOver_AndLaterEventsDoNotRevive_It()
    {
        var rows = CaseHistory.Rebuild([
            E(CaseEventType.Accepted, "2025-03-01", 1_000),
            E(CaseEventType.Completed, "2025-05-01"),
            E(CaseEventType.Payment, "2025-11-01", 200),
        ], 10, lastYear: 2027).Rows;

        var row = Assert.Single(rows);
        Assert.Equal(CaseStatus.Completed, row.Status);
        Assert.Equal(new DateOnly(2025, 5, 1), row.CompletedOn);
    }

    [Fact]
    public void EventsBeforeTheirAcceptanceArrives_GiveNoRowsYet_AndEveryOrderGivesTheSameRows()
    {
        List<StoredEvent> events = [
            E(CaseEventType.Accepted, "2026-10-02", 1_000, seq: 1),
            E(CaseEventType.Classified, "2026-10-03", withConditions: false, seq: 2),
            E(CaseEventType.Classified, "2026-10-04", withConditions: true, seq: 3),
            E(CaseEventType.AmountSet, "2026-10-05", 800, seq: 4),
            E(CaseEventType.AmountSet, "2026-10-05", 900, seq: 5),
            E(CaseEventType.Transferred, "2026-10-06", to: "01-02", seq: 6),
        ];
        var expected = CaseHistory.Rebuild(events, 10, 2027).Rows.Single();

        var withoutAcceptance = CaseHistory.Rebuild(events.Skip(1), 10, 2027);
        var reversed = CaseHistory.Rebuild(events.AsEnumerable().Reverse().Select((e, i) => e with { Seq = i }), 10, 2027).Rows.Single();

        Assert.Empty(withoutAcceptance.Rows);
        Assert.Equal("01", withoutAcceptance.CurrentProvince);
        Assert.Equal(expected with { Payments = [] }, reversed with { Payments = [] });
        Assert.Equal(("01", "01-02", Condition.WithConditions, 900L), (expected.Province, expected.Office, expected.Condition!.Value, expected.AmountWithConditions));
    }

    [Fact]
    public void PaymentsAboveTheAmount_MakeTheCaseInvalid()
    {
        var result = CaseHistory.Rebuild([E(CaseEventType.Accepted, "2026-10-02", 100), E(CaseEventType.Payment, "2026-10-03", 101)], 10, 2027);

        Assert.Empty(result.Rows);
        Assert.NotNull(result.Error);
    }
}

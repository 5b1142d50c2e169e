using MonitoringCenter.Web.Ingestion;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Ingestion;

/// <summary>What a sender gets back for a batch of case events, without a database: the errors, or the events as stored.</summary>
[Trait("Category", "Unit")]
public sealed class CaseEventValidatorTests
{
    // 09:00 on 10 January 2026 in Hanoi: statistical year 2026 (2025-10-01..2026-09-30).
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(7));

    private static readonly CaseEventValidator Validator = new(new IngestionOptions { MaxEventsPerBatch = 3, EarliestYear = 2020 }, new StatisticsOptions());

    private static CaseEvent Accepted(string id = "ev-1", string caseId = "CASE-1", string office = "79-03", string on = "2026-01-05") => new()
    {
        EventId = id, Type = "accepted", CaseId = caseId, Province = office[..2], Office = office, OccurredAt = on, Category = "other", Amount = 1_000,
    };

    private static IReadOnlyDictionary<string, string[]> Errors(params CaseEvent?[] events)
    {
        var batch = Validator.Validate(events, Now);
        Assert.False(batch.IsValid);
        Assert.Empty(batch.Events);
        return batch.Errors;
    }

    private static string Error(CaseEvent e, string field) => Assert.Single(Errors(e)[$"events[0].{field}"]);

    [Fact]
    public void ValidAcceptedEvent_IsStoredWithItsDayInTheStatisticsTimeZone()
    {
        var batch = Validator.Validate([Accepted(on: "2026-01-05T00:30:00+07:00")], Now);

        Assert.True(batch.IsValid);
        var valid = Assert.Single(batch.Events);
        Assert.Equal(("ev-1", "CASE-1", 0, false), (valid.EventId, valid.CaseId, valid.Index, valid.Repeat));
        Assert.Equal(CaseEventType.Accepted, valid.Event.Type);
        Assert.Equal(new DateOnly(2026, 1, 5), valid.Event.On);
        Assert.Equal(new DateTimeOffset(2026, 1, 4, 17, 30, 0, TimeSpan.Zero), valid.Event.At);
        Assert.Equal(TimeSpan.Zero, valid.Event.At.Offset);
        Assert.Equal(("79", "79-03", (short?)4, (long?)1_000), (valid.Event.Province, valid.Event.Office, valid.Event.Category, valid.Event.Amount));
    }

    [Fact]
    public void InstantInUtc_CountsOnItsDayInTheStatisticsTimeZone()
    {
        var valid = Assert.Single(Validator.Validate([Accepted(on: "2026-01-04T18:00:00Z")], Now).Events);

        Assert.Equal(new DateOnly(2026, 1, 5), valid.Event.On);
    }

    [Fact]
    public void AcceptedWithoutAmount_CountsZero()
    {
        var valid = Assert.Single(Validator.Validate([Accepted() with { Amount = null }], Now).Events);

        Assert.Equal(0, valid.Event.Amount);
    }

    [Fact]
    public void EmptyOrMissingBatch_IsInvalid()
    {
        Assert.Equal(["at least one event is required"], Validator.Validate([], Now).Errors["events"]);
        Assert.Equal(["at least one event is required"], Validator.Validate(null, Now).Errors["events"]);
    }

    [Fact]
    public void BatchOverTheLimit_IsInvalidAsAWhole()
    {
        var errors = Errors(Accepted("a"), Accepted("b"), Accepted("c"), Accepted("d"));

        Assert.Equal(["at most 3 events per batch"], Assert.Single(errors).Value);
    }

    [Fact]
    public void NullItem_MustBeAnObject()
    {
        Assert.Equal(["must be an object"], Errors(Accepted(), null)["events[1]"]);
    }

    [Fact]
    public void OneBadEvent_WritesNothing_AndItsErrorsNameItsIndex()
    {
        var errors = Errors(Accepted("a"), Accepted("b") with { Amount = -1 }, Accepted("c"));

        Assert.Equal(["events[1].amount"], errors.Keys);
    }

    [Fact]
    public void EveryError_IsReportedAtOnce()
    {
        var errors = Errors(new CaseEvent { Type = "accepted" }, new CaseEvent { EventId = "x", Type = "payment" });

        Assert.Equal(
            ["events[0].eventId", "events[0].caseId", "events[0].province", "events[0].office", "events[0].occurredAt", "events[0].category",
             "events[1].caseId", "events[1].province", "events[1].office", "events[1].occurredAt", "events[1].amount"],
            errors.Keys);
        Assert.All(errors.Values, messages => Assert.Equal(["is required"], messages));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("05/01/2026")]
    [InlineData("2026-01-05T09:30:00")]
    [InlineData("2026-01-05 09:30")]
    [InlineData("2026-01-05T25:00:00+07:00")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void BadDate_IsRefusedWithTheFormatsAccepted(string occurredAt)
    {
        Assert.Equal("must be an ISO 8601 time with an offset (2026-01-05T09:30:00+07:00) or a date (2026-01-05)",
            Error(Accepted(on: occurredAt), "occurredAt"));
    }

    [Theory]
    [InlineData("2019-09-30")]
    [InlineData("2026-01-10T09:06:00+07:00")]
    [InlineData("2026-01-11")]
    public void DateBeforeTheEarliestYearOrInTheFuture_IsRefused(string occurredAt)
    {
        Assert.Equal("must lie between 2019-10-01 and now", Error(Accepted(on: occurredAt), "occurredAt"));
    }

    [Fact]
    public void SendersClock_MayRunFiveMinutesAhead()
    {
        Assert.True(Validator.Validate([Accepted(on: "2026-01-10T09:04:59+07:00")], Now).IsValid);
        Assert.True(Validator.Validate([Accepted(on: "2019-10-01")], Now).IsValid);
    }

    [Fact]
    public void StatYearNotHoldingTheDate_IsRefused_NamingTheYearsDays()
    {
        Assert.Equal("must lie inside statistical year 2025 (2024-10-01..2025-09-30)",
            Error(Accepted(on: "2025-10-01") with { StatYear = 2025 }, "occurredAt"));
        Assert.True(Validator.Validate([Accepted(on: "2025-10-01") with { StatYear = 2026 }], Now).IsValid);
    }

    [Fact]
    public void UnknownType_ListsTheKnownOnes()
    {
        Assert.Equal("must be one of accepted, classified, amount-set, payment, completed, terminated, postponed, suspended, resumed, transferred",
            Error(Accepted() with { Type = "closed" }, "type"));
        Assert.Equal("is required", Error(Accepted() with { Type = "" }, "type"));
    }

    [Fact]
    public void AcceptedEvent_NeedsAKnownCategory()
    {
        Assert.Equal("must be one of corruption-economic, credit-banking, administrative, other", Error(Accepted() with { Category = "civil" }, "category"));
        Assert.Equal("is required", Error(Accepted() with { Category = null }, "category"));
    }

    [Fact]
    public void NegativeAmount_IsRefused()
    {
        Assert.Equal("must not be negative", Error(Accepted() with { Amount = -1 }, "amount"));
        Assert.Equal("must not be negative", Error(Accepted() with { Type = "amount-set", Amount = -5 }, "amount"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Payment_MustBePositive(long amount)
    {
        Assert.Equal("must be a positive whole number of đồng", Error(Accepted() with { Type = "payment", Amount = amount }, "amount"));
    }

    [Fact]
    public void AmountBeyondAnyJudgment_IsRefused()
    {
        Assert.Equal("must be at most 1000000000000000 đồng", Error(Accepted() with { Amount = 1_000_000_000_000_001 }, "amount"));
        Assert.True(Validator.Validate([Accepted() with { Amount = 1_000_000_000_000_000 }], Now).IsValid);
    }

    [Fact]
    public void AmountSetAndPayment_NeedAnAmount()
    {
        Assert.Equal("is required", Error(Accepted() with { Type = "amount-set", Amount = null }, "amount"));
        Assert.Equal("is required", Error(Accepted() with { Type = "payment", Amount = null }, "amount"));
    }

    [Fact]
    public void Classified_NeedsWithConditions_WhichOnlyItKeeps()
    {
        Assert.Equal("is required", Error(Accepted() with { Type = "classified" }, "withConditions"));
        var classified = Validator.Validate([Accepted() with { Type = "classified", WithConditions = true }], Now).Events[0].Event;
        var completed = Validator.Validate([Accepted() with { Type = "completed", WithConditions = true }], Now).Events[0].Event;

        Assert.True(classified.WithConditions);
        Assert.Null(completed.WithConditions);
        Assert.Null(completed.Category);
        Assert.Null(completed.Amount);
    }

    [Fact]
    public void Transfer_NeedsAnotherKnownOffice()
    {
        Assert.Equal("must differ from office", Error(Accepted() with { Type = "transferred", ToOffice = "79-03" }, "toOffice"));
        Assert.Equal("is not a known regional office code", Error(Accepted() with { Type = "transferred", ToOffice = "79-99" }, "toOffice"));
        Assert.Equal("is required", Error(Accepted() with { Type = "transferred" }, "toOffice"));
        var transfer = Validator.Validate([Accepted() with { Type = "transferred", ToOffice = "01-02" }], Now).Events[0].Event;
        Assert.Equal("01-02", transfer.ToOffice);
    }

    [Fact]
    public void UnknownProvinceOrOffice_IsRefused()
    {
        Assert.Equal("is not a known province code", Error(Accepted() with { Province = "99" }, "province"));
        Assert.Equal("is not a known regional office code", Error(Accepted(office: "79-99"), "office"));
        Assert.Equal("is not an office of province 01", Error(Accepted() with { Province = "01" }, "office"));
    }

    [Fact]
    public void OverLongIds_AreRefused()
    {
        Assert.Equal("must be at most 100 characters", Error(Accepted(id: new string('e', 101)), "eventId"));
        Assert.Equal("must be at most 200 characters", Error(Accepted(caseId: new string('c', 201)), "caseId"));
        Assert.True(Validator.Validate([Accepted(id: new string('e', 100), caseId: new string('c', 200))], Now).IsValid);
    }

    [Theory]
    [InlineData("ev 1")]
    [InlineData("ev\n1")]
    [InlineData("'; drop table case_event; --")]
    [InlineData("ev-\u00e9")]
    public void IdsWithOtherCharacters_AreRefused(string id)
    {
        Assert.Equal("may hold only letters, digits and . _ : / -", Error(Accepted(id: id), "eventId"));
    }

    [Fact]
    public void RepeatedIdInABatch_TheFirstCounts_TheOthersAreRepeats()
    {
        var batch = Validator.Validate([Accepted("same"), Accepted("other"), Accepted("same", caseId: "CASE-2")], Now);

        Assert.Equal([false, false, true], batch.Events.Select(e => e.Repeat));
    }

    [Fact]
    public void EventsOfABatch_FollowEveryStoredEvent_InBatchOrder()
    {
        var batch = Validator.Validate([Accepted("a"), Accepted("b"), Accepted("c")], Now);

        var seqs = batch.Events.Select(e => e.Event.Seq).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.True(seqs[0] > int.MaxValue);
    }
}

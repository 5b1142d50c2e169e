using MonitoringCenter.Web.Audit;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditDetailTests
{
    [Fact]
    public void Parse_BeforeAndAfter_GivesEachFieldSideBySide_AndTheRestAsContext()
    {
        var detail = AuditDetail.Parse("""{"before": {"role": "Leader", "provinces": ["01"]}, "after": {"role": "Operator", "provinces": ["01"], "disabled": true}, "note": "yêu cầu của Cục"}""");

        Assert.Equal(
            [new("role", "Leader", "Operator"), new("provinces", "01", "01"), new("disabled", null, "true")],
            detail.Changes);
        Assert.Equal([true, false, true], detail.Changes.Select(c => c.Changed));
        Assert.Equal([new KeyValuePair<string, string>("note", "yêu cầu của Cục")], detail.Context);
    }

    [Fact]
    public void Parse_WithoutBeforeOrAfter_IsAllContext()
    {
        var detail = AuditDetail.Parse("""{"status": 200, "endpoint": "reports"}""");

        Assert.Empty(detail.Changes);
        Assert.Equal(["status=200", "endpoint=reports"], detail.Context.Select(c => $"{c.Key}={c.Value}"));
    }

    [Fact]
    public void Canonical_LengthPrefixesInUtf8Bytes_SoNoTwoRowsShareAText()
    {
        var at = new DateTime(2026, 11, 25, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560);

        var text = AuditChain.Canonical(7, at, "Hồ", "a|b", null, "79", "{}", "");

        Assert.Equal("1:7|27:2026-11-25T03:04:05.123456Z|4:Hồ|3:a|b|-|2:79|2:{}|0:", text);
        Assert.NotEqual(AuditChain.Canonical(7, at, "a", "b", "", null, "{}", null), AuditChain.Canonical(7, at, "a", "b", null, "", "{}", null));
    }
}

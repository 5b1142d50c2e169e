using System.Text;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Audit;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Audit;

/// <summary>The audit page's filters, its CSV export and the page itself, on a database of their own.</summary>
[Trait("Category", "Database")]
public sealed class AuditQueriesTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _database = default!;
    private WebApplication _app = default!;
    private AuditQueries _queries = default!;
    private Clock _clock = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("auditpage");
        _app = await _database.MigratedServicesAsync(TimeProvider.System);
        _clock = _app.Services.GetRequiredService<Clock>();
        _queries = new AuditQueries(_app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), _clock);
        var audit = _app.Services.GetRequiredService<AuditLog>();
        await audit.WriteAsync("an@bo.gov.vn", "alert.acknowledge", "alert:7",
            new { before = new { state = "firing" }, after = new { state = "acknowledged" }, note = "Đã gọi, \"ổn\"" }, "10.0.0.7", "79");
        await audit.WriteAsync("an@bo.gov.vn", "alert.resolve", "alert:8", new { before = new { state = "acknowledged" }, after = new { state = "resolved" } }, null, "01");
        await audit.WriteAsync("ha@bo.gov.vn", "apikey.create", "api-key:4", new { after = new { name = "=cmd|' /C calc'!A0" } });
        await audit.WriteAsync("api-key:4", "api.use", "POST /api/v1/events", new { status = 200 }, "127.0.0.1");
        await audit.WriteAsync("ha@bo.gov.vn", "alertx.other", "x:1", null);
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("alter table audit_log disable trigger audit_log_insert", transaction: transaction);
        await connection.ExecuteAsync("insert into audit_log (at, actor, action, province_code) values (now() - interval '40 days', 'an@bo.gov.vn', 'alert.acknowledge', '79')",
            transaction: transaction);
        await connection.ExecuteAsync("alter table audit_log enable trigger audit_log_insert", transaction: transaction);
        await transaction.CommitAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<List<string>> SubjectsAsync(AuditFilter filter) =>
        (await _queries.PageAsync(filter, 1)).Entries.Select(e => e.Subject ?? "-").ToList();

    [Fact]
    public async Task Filters_ByPersonActionFamilyProvinceAndDays_NewestFirst()
    {
        var today = _clock.Today;

        Assert.Equal(["alert:8", "alert:7", "-"], await SubjectsAsync(new AuditFilter(Actor: "AN@bo")));
        Assert.Equal(["alert:8", "alert:7", "-"], await SubjectsAsync(new AuditFilter(Action: "alert")));
        Assert.Equal(["alert:7", "-"], await SubjectsAsync(new AuditFilter(Action: "alert.acknowledge")));
        Assert.Equal(["alert:7", "-"], await SubjectsAsync(new AuditFilter(Province: "79")));
        Assert.Equal(["alert:7"], await SubjectsAsync(new AuditFilter(Province: "79", From: today, To: today)));
        Assert.Equal(["-"], await SubjectsAsync(new AuditFilter(Province: "79", To: today.AddDays(-1))));
        Assert.Empty(await SubjectsAsync(new AuditFilter(Actor: "%")));
        Assert.Equal(6, (await _queries.PageAsync(new AuditFilter(), 1)).Entries.Count);
    }

    [Fact]
    public async Task Filter_TravelsThroughTheQueryString()
    {
        var filter = new AuditFilter("an@bo", "alert", "79", new DateOnly(2026, 1, 2), new DateOnly(2026, 3, 4));

        var query = filter.ToQuery(3);
        var back = AuditFilter.Parse(Value("actor"), Value("action"), Value("province"), Value("from"), Value("to"));

        Assert.Equal(filter, back);
        Assert.Contains("page=3", query, StringComparison.Ordinal);
        Assert.Equal("", new AuditFilter().ToQuery());

        string? Value(string name) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)[name].FirstOrDefault();
    }

    [Fact]
    public async Task Csv_HasTheBom_TheFilteredRowsOnly_QuotedAndDefused()
    {
        using var stream = new MemoryStream();

        await AuditCsv.WriteAsync(stream, _queries.StreamAsync(new AuditFilter(Actor: "bo.gov.vn", Action: "alert")), _clock);

        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Mã,Thời điểm,Người thực hiện,Thao tác,Đối tượng,Tỉnh,Chi tiết,Địa chỉ IP", lines[0]);
        Assert.Equal(4, lines.Length); // alert.resolve, alert.acknowledge twice; not apikey.create, api.use, alertx.other
        Assert.Contains(",an@bo.gov.vn,alert.resolve,alert:8,01,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"{\"\"note\"\": \"\"Đã gọi, \\\"\"ổn\\\"\"\"\"", lines[2], StringComparison.Ordinal);

        using var all = new MemoryStream();
        await AuditCsv.WriteAsync(all, _queries.StreamAsync(new AuditFilter(Action: "apikey")), _clock);
        Assert.DoesNotContain(",=cmd", Encoding.UTF8.GetString(all.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_RendersTheFilteredRows_WithBeforeAndAfter_AndTheCsvLinkKeepsTheFilter()
    {
        Services.AddSingleton(_queries);
        Services.AddSingleton(_clock);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/audit?actor=an%40bo&province=79");

        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#audit-list tbody tr.audit-row").Count));

        var first = page.Find("#audit-list tbody tr.audit-row");
        Assert.Contains("alert.acknowledge", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Thành phố Hồ Chí Minh", first.TextContent, StringComparison.Ordinal);
        var change = first.QuerySelector(".audit-changes tbody tr.changed")!;
        Assert.Equal("firing", change.QuerySelector(".before")!.TextContent);
        Assert.Equal("acknowledged", change.QuerySelector(".after")!.TextContent);
        Assert.Contains("Đã gọi", first.QuerySelector(".audit-context")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin/audit.csv?actor=an@bo&province=79", page.Find("#export-csv").GetAttribute("href"));
    }
}

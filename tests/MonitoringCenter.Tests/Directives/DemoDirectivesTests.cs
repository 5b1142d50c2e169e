using Dapper;
using Microsoft.Extensions.Time.Testing;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Demo;
using MonitoringCenter.Web.Directives;

namespace MonitoringCenter.Tests.Directives;

/// <summary>The demo's directives: what <c>seed</c> puts on an unused board, once.</summary>
[Collection(DemoData.Name)]
[Trait("Category", "Database")]
public sealed class DemoDirectivesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = default!;
    private WebApplication _services = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("demodirectives");
        _services = await _database.MigratedServicesAsync(new FakeTimeProvider(Now));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Seed_PutsOneDirectiveInEachState_WithItsHistory_AndOneOverdue_AndASecondSeedAddsNothing()
    {
        var seeder = _services.Services.GetRequiredService<DemoDirectives>();

        Assert.Equal(5, await seeder.SeedIfEmptyAsync());
        Assert.Equal(0, await seeder.SeedIfEmptyAsync());

        await using var connection = await _database.OpenAsync();
        Assert.Equal(5, await connection.ExecuteScalarAsync<long>("select count(*) from directive"));
        Assert.Equal(["acknowledged", "done", "issued"],
            (await connection.QueryAsync<string>("select distinct state from directive order by state")).ToArray());
        // Every directive's history starts with its issue; the done one ends with "done" at 100 %.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("""
            select count(*) from directive d
            where (select action from directive_event e where e.directive_id = d.id order by e.id limit 1) is distinct from 'issue'
            """));
        Assert.Equal(("done", (short)100), await connection.QuerySingleAsync<(string, short)>("""
            select e.action, e.progress from directive d join directive_event e on e.directive_id = d.id
            where d.state = 'done' order by e.id desc limit 1
            """));
        // Hà Nội's is three days past due on the center's calendar: the overdue rule has something to escalate.
        var overdue = await DirectiveQueries.OverdueAsync(connection, DateOnly.FromDateTime(Now.ToOffset(TimeSpan.FromHours(7)).DateTime));
        var hanoi = Assert.Single(overdue);
        Assert.Equal(("01", 1, 3), (hanoi.ProvinceCode, hanoi.Count, hanoi.MaxDaysOverdue));
    }

    [Fact]
    public async Task Seed_LeavesABoardInUseAlone()
    {
        await using var connection = await _database.OpenAsync();
        await connection.ExecuteAsync("""
            insert into directive (province_code, title, due_on, responsible, issued_by, issued_at, updated_at)
            values ('79', 'Chỉ đạo thật', '2026-12-31', 'Cục trưởng', 'lanh.dao@thads.test', now(), now())
            """);

        Assert.Equal(0, await _services.Services.GetRequiredService<DemoDirectives>().SeedIfEmptyAsync());
        Assert.Equal(["Chỉ đạo thật"], (await connection.QueryAsync<string>("select title from directive")).ToArray());
    }
}

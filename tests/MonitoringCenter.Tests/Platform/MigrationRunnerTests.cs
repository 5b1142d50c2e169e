using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Platform;

namespace MonitoringCenter.Tests.Platform;

[Trait("Category", "Database")]
public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("migrations");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<string> SchemaAsync()
    {
        await using var connection = await _database.OpenAsync();
        var columns = await connection.QueryAsync<string>("""
            select table_name || '.' || column_name || ':' || data_type || ':' || is_nullable
            from information_schema.columns where table_schema = 'public' order by 1
            """);
        var indexes = await connection.QueryAsync<string>("select indexdef from pg_indexes where schemaname = 'public' order by 1");
        var applied = await connection.QueryAsync<string>("select name from schema_migration order by 1");
        return string.Join("\n", columns.Concat(indexes).Concat(applied));
    }

    [Fact]
    public async Task Migrate_RunTwice_AppliesEachOnceAndChangesNothingTheSecondTime()
    {
        await using var app = _database.BuildServices();
        var runner = app.Services.GetRequiredService<MigrationRunner>();

        var first = await runner.MigrateAsync();
        var schemaAfterFirst = await SchemaAsync();
        var second = await runner.MigrateAsync();
        var schemaAfterSecond = await SchemaAsync();

        Assert.Equal(MigrationRunner.Embedded().Select(m => m.Name), first);
        Assert.Empty(second);
        Assert.Equal(schemaAfterFirst, schemaAfterSecond);
        Assert.Contains("kpi_daily.money_collected:bigint", schemaAfterFirst);
    }

    [Fact]
    public async Task Migrate_TwoNodesAtOnce_BothSucceedAndEachMigrationRunsOnce()
    {
        await using var app = _database.BuildServices();
        var runner = app.Services.GetRequiredService<MigrationRunner>();

        var results = await Task.WhenAll(runner.MigrateAsync(), runner.MigrateAsync());

        Assert.Equal(MigrationRunner.Embedded().Count(), results.Sum(r => r.Count));
    }

    [Fact]
    public async Task ReferenceData_Has34ProvincesAnd355Offices_AndIsIdempotent()
    {
        await using var app = _database.BuildServices();
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        var reference = app.Services.GetRequiredService<ReferenceData>();
        await reference.EnsureAsync();
        await reference.EnsureAsync();

        await using var connection = await _database.OpenAsync();
        Assert.Equal(34, await connection.ExecuteScalarAsync<long>("select count(*) from province"));
        Assert.Equal(355, await connection.ExecuteScalarAsync<long>("select count(*) from office"));
        Assert.Equal("Thành phố Hồ Chí Minh", await connection.ExecuteScalarAsync<string>("select name_vi from province where code = '79'"));
        Assert.Equal(19, await connection.ExecuteScalarAsync<long>("select count(*) from office where province_code = '79'"));
    }
}

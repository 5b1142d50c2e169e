using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Platform.Jobs;
using MonitoringCenter.Web.Platform;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Platform.Jobs;

/// <summary>Where the jobs live: Hangfire's schema in the application's database, no Quartz table left.</summary>
[Trait("Category", "Database")]
public sealed class JobStorageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("jobstore");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<List<string>> QuartzTablesAsync()
    {
        await using var connection = await _database.OpenAsync();
        return (await connection.QueryAsync<string>("select schemaname || '.' || tablename from pg_tables where tablename like 'qrtz%'")).ToList();
    }

    [Fact]
    public async Task FreshDatabase_OnceAppStarted_HasHangfireSchemaWithItsJobsAndNoQuartzTable()
    {
        await using (var app = RunningApp.Start(_database.ConnectionString))
        {
            await app.Services.GetRequiredService<JobStorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        }

        await using var connection = await _database.OpenAsync();
        Assert.True(await connection.ExecuteScalarAsync<bool>("select exists (select 1 from information_schema.schemata where schema_name = 'hangfire')"));
        Assert.True(await connection.ExecuteScalarAsync<bool>("select to_regclass('hangfire.job') is not null"));
        var recurring = await connection.QueryAsync<string>("select value from hangfire.set where key = 'recurring-jobs' order by value");
        Assert.Equal([MonitoringCenter.Web.Audit.AuditRetentionJob.RecurringId, AlertEvaluationJob.RecurringId, IncrementalRefreshJob.RecurringId, FullRefreshJob.RecurringId], recurring);
        Assert.Empty(await QuartzTablesAsync());
    }

    [Fact]
    public async Task DatabaseOfThePreviousVersion_Migrates_AndLosesItsQuartzTables()
    {
        await using var services = _database.BuildServices();
        var migrations = services.Services.GetRequiredService<MigrationRunner>();
        await migrations.MigrateAsync();
        // What the Quartz version left: its tables (three of its fifteen stand for all), 0050 not applied yet.
        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("""
                create table qrtz_job_details (sched_name text, job_name text, job_group text, primary key (sched_name, job_name, job_group));
                create table qrtz_triggers (sched_name text, trigger_name text, job_name text, job_group text,
                    foreign key (sched_name, job_name, job_group) references qrtz_job_details);
                create table qrtz_execution_history (fired_time bigint, succeeded boolean, error_message text);
                delete from schema_migration where name = '0050_jobs_hangfire';
                """);
        }
        Assert.Equal(3, (await QuartzTablesAsync()).Count);

        var ran = await migrations.MigrateAsync();

        Assert.Equal(["0050_jobs_hangfire"], ran);
        Assert.Empty(await QuartzTablesAsync());
    }
}

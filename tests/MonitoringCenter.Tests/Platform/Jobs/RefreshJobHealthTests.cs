using Dapper;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Alerts;
using MonitoringCenter.Web.Platform.Jobs;
using MonitoringCenter.Web.ReadModels;

namespace MonitoringCenter.Tests.Platform.Jobs;

/// <summary>The refresh-failing alert reads the scheduled refresh's runs from Hangfire's job history.</summary>
[Trait("Category", "Database")]
public sealed class RefreshJobHealthTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Refresh:Interval"] = "00:00:01",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        ["Alerts:HoldFor"] = "00:00:00",
        ["Alerts:ClearFor"] = "00:00:00",
    };

    private TestDatabase _database = default!;
    private RunningApp _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("jobhealth");
        _app = RunningApp.Start(_database.ConnectionString, Settings);
        await _app.Services.GetRequiredService<JobStorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task UntilLatestRefreshIsAsync(string state)
    {
        await using var connection = await _database.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await connection.ExecuteScalarAsync<string?>("""
            select j.statename from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id
            where p.name = 'RecurringJobId' and p.value = @Id and j.statename in ('Succeeded', 'Failed') order by j.id desc limit 1
            """, new { Id = $"\"{IncrementalRefreshJob.RecurringId}\"" }) != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"a scheduled refresh ends {state} within 60 s");
            await Task.Delay(200);
        }
    }

    private async Task<AlertView?> RefreshFailingAlertAsync()
    {
        await _app.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        var alerts = await _app.Services.GetRequiredService<AlertQueries>().ListAsync(AlertFilter.Active);
        return alerts.SingleOrDefault(a => a.Rule == AlertRules.RefreshFailing);
    }

    [Fact]
    public async Task ScheduledRefreshFails_RefreshFailingAlertOpens_AndClosesOnceItSucceedsAgain()
    {
        await UntilLatestRefreshIsAsync("Succeeded");
        Assert.Null(await RefreshFailingAlertAsync());

        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("alter table kpi_delta rename to kpi_delta_away");
        }
        await UntilLatestRefreshIsAsync("Failed");
        var failing = await RefreshFailingAlertAsync();

        await using (var connection = await _database.OpenAsync())
        {
            await connection.ExecuteAsync("alter table kpi_delta_away rename to kpi_delta");
        }
        await UntilLatestRefreshIsAsync("Succeeded");
        var afterRecovery = await RefreshFailingAlertAsync();

        Assert.NotNull(failing);
        Assert.Null(afterRecovery);
    }
}

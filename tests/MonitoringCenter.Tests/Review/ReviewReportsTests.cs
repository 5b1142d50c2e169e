using System.Net.Http.Json;
using MonitoringCenter.Tests.Ingestion;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.ReadModels;
using MonitoringCenter.Web.Review;

namespace MonitoringCenter.Tests.Review;

/// <summary>Figures from statistical reports say in review mode whether they are preliminary or official, and what a revision changed.</summary>
[Trait("Category", "Database")]
public sealed class ReviewReportsTests(IngestionApp ingestion) : IClassFixture<IngestionApp>
{
    [Fact]
    public async Task PreliminaryThenOfficial_IsSaidOutLoud_WithWhatTheRevisionChanged()
    {
        using var client = ingestion.Client(ingestion.AllKey);
        var queries = ingestion.App.Services.GetRequiredService<ReviewQueries>();
        var point = ReviewPoint.MonthEnd(new StatisticalYear(2027), 2);
        (await client.PostAsJsonAsync("/api/v1/reports", ReportsApiTests.Report("42", "preliminary", 2, collected: 500, completed: 40))).EnsureSuccessStatusCode();
        await ingestion.App.Services.GetRequiredService<KpiRefresher>().RefreshDirtyAsync();

        var before = (await queries.LoadAsync(point)).Provinces.Single(p => p.Code == "42");

        Assert.Equal("sơ bộ", before.Report!.Word);
        Assert.Null(before.Report.RevisionText);
        Assert.Equal(40, before.Progress.Current.CasesCompleted);

        (await client.PostAsJsonAsync("/api/v1/reports", ReportsApiTests.Report("42", "official", 2, collected: 450, completed: 37))).EnsureSuccessStatusCode();
        await ingestion.App.Services.GetRequiredService<KpiRefresher>().RefreshDirtyAsync();
        var after = (await queries.LoadAsync(point)).Provinces.Single(p => p.Code == "42");

        Assert.Equal("chính thức", after.Report!.Word);
        Assert.Equal(new DateOnly(2026, 11, 30), after.Report.PeriodEnd);
        Assert.Equal(37, after.Progress.Current.CasesCompleted);
        Assert.Equal(-3, after.Report.Revision!.CasesCompleted);
        Assert.Equal(-50, after.Report.Revision.MoneyCollected);
        Assert.StartsWith("điều chỉnh so với số sơ bộ: −3 việc", after.Report.RevisionText, StringComparison.Ordinal);
    }
}

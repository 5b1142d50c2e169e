using Dapper;
using Microsoft.Playwright;
using MonitoringCenter.Tests.Infrastructure;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.Provinces;

/// <summary>The province screens in a real Chromium against the demo data.</summary>
[Collection(DemoData.Name)]
[Trait("Category", "Browser")]
public sealed class ProvincesPageTests(DemoDatabase demo, Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private RunningApp _app = default!;

    public Task InitializeAsync()
    {
        _app = RunningApp.Start(demo.Database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Provinces2025_ShowsAll34OnOneScreen_WithTheDatabasesFigures()
    {
        await using var connection = await demo.Database.OpenAsync();
        var (completed, withConditions, collected, moneyWithConditions) = await connection.QuerySingleAsync<(long, long, long, long)>("""
            select sum(cases_completed)::bigint, sum(cases_with_conditions)::bigint, sum(money_collected)::bigint, sum(money_with_conditions)::bigint
            from kpi_daily where stat_year = 2025 and unit_kind = 1 and unit_code = '79' and day = '2025-09-30'
            """);
        var target = await connection.QuerySingleAsync<decimal>(
            "select case_rate from target where stat_year = 2025 and province_code = '79' order by set_at desc, id desc limit 1");

        var page = await browser.NewWallPageAsync(_app);
        var response = await page.GotoAsync(_app.Url("/wall/provinces?year=2025&asOf=2025-09-30").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal(34, await page.Locator("#province-table tbody tr").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight"));
        Assert.True(await page.Locator("#province-table tbody tr").Last.IsVisibleAsync());
        var hcmc = page.Locator("#province-table tr[data-code='79']");
        Assert.Equal("Thành phố Hồ Chí Minh", (await hcmc.Locator(".name").InnerTextAsync()).Trim());
        Assert.Equal(VietnameseFormat.Percent(Rate.Of(completed, withConditions)), (await hcmc.Locator(".case-rate").InnerTextAsync()).Trim());
        Assert.Equal(VietnameseFormat.Percent(Rate.Of(collected, moneyWithConditions)), (await hcmc.Locator(".money-rate").InnerTextAsync()).Trim());
        Assert.Equal(VietnameseFormat.Percent(target), (await hcmc.Locator(".case-target").InnerTextAsync()).Trim());
        // Worst first: the first row is not on pace unless every province is.
        var statuses = await page.Locator("#province-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.className)");
        if (statuses.Any(s => !s.Contains("status-on-pace", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("status-on-pace", statuses[0], StringComparison.Ordinal);
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("provinces-2025.png") });

        // Generous: on a cold, busy CI machine the province page's first render can be slow.
        await hcmc.Locator(".name a").ClickAsync();
        await page.WaitForURLAsync("**/wall/provinces/79?year=2025&asOf=2025-09-30", new PageWaitForURLOptions { Timeout = 90_000 });
        Assert.Contains("Thành phố Hồ Chí Minh", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(19, await page.Locator("#office-table tbody tr").CountAsync());
        Assert.Equal(4, await page.Locator("#province-categories tbody tr").CountAsync());
        Assert.Equal(VietnameseFormat.Percent(Rate.Of(completed, withConditions)), (await page.Locator("#pace-cases .rate strong").InnerTextAsync()).Trim());
        // On the last day of the year the pace asks for the target itself (2024 was a leap year: no day's shift).
        Assert.StartsWith(VietnameseFormat.Percent(target), (await page.Locator("#pace-cases .expected").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#trend-cases svg polyline.actual").IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("province-79-2025.png") });
    }

    [Fact]
    public async Task UnknownProvince_IsNotFound()
    {
        var page = await browser.NewWallPageAsync(_app);
        var response = await page.GotoAsync(_app.Url("/wall/provinces/99").ToString());

        Assert.Equal(404, response!.Status);
        Assert.Contains("Không tìm thấy trang này", await page.Locator("h1").InnerTextAsync());
    }
}

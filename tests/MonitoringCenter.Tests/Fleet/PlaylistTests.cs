using MonitoringCenter.Web.Fleet;

namespace MonitoringCenter.Tests.Fleet;

/// <summary>A playlist as an Admin types it on the fleet page.</summary>
[Trait("Category", "Unit")]
public sealed class PlaylistTests
{
    [Fact]
    public void Lines_OfViewAndSeconds_BecomeItemsInOrder()
    {
        var items = Playlist.Parse("/wall 60\r\n\n  /wall/provinces/79?year=2025&asOf=2025-09-30   30 \n", out var error);

        Assert.Null(error);
        Assert.Equal([new PlaylistItem("/wall", 60), new PlaylistItem("/wall/provinces/79?year=2025&asOf=2025-09-30", 30)], items);
        Assert.Equal("/wall 60\n/wall/provinces/79?year=2025&asOf=2025-09-30 30", Playlist.Format(items!));
    }

    [Fact]
    public void FollowAlerts_IsAnItemWithItsSeconds()
    {
        var items = Playlist.Parse("/wall 60\nfollow-alerts 30", out var error);

        Assert.Null(error);
        Assert.Equal([new PlaylistItem("/wall", 60), new PlaylistItem(Playlist.FollowAlerts, 30)], items);
    }

    [Fact]
    public void EmptyText_IsAnEmptyPlaylist()
    {
        Assert.Equal([], Playlist.Parse("  \n ", out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("/alerts 60", "Dòng 1: cần")]
    [InlineData("/wall 60\nhttps://evil.example/wall 60", "Dòng 2: cần")]
    [InlineData("/wall", "Dòng 1: cần")]
    [InlineData("/wall 1", "Dòng 1: thời lượng")]
    [InlineData("/wall 9999", "Dòng 1: thời lượng")]
    [InlineData("/wall sáu", "Dòng 1: thời lượng")]
    [InlineData("follow-alerts", "Dòng 1: cần")]
    [InlineData("follow-alerts 1", "Dòng 1: thời lượng")]
    [InlineData("follow-alerts 30\n/wall 60\nfollow-alerts 20", "Dòng 3: \"follow-alerts\" chỉ cần một lần")]
    public void BadLines_SayWhichAndWhy(string text, string message)
    {
        Assert.Null(Playlist.Parse(text, out var error));
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTwentyItems_AreRefused()
    {
        Assert.Null(Playlist.Parse(string.Join("\n", Enumerable.Repeat("/wall 10", 21)), out var error));
        Assert.Contains("tối đa 20", error, StringComparison.Ordinal);
    }
}

using MonitoringCenter.Web.Fleet;

namespace MonitoringCenter.Tests.Fleet;

[Trait("Category", "Unit")]
public sealed class PairingCodeTests
{
    [Fact]
    public void New_IsSixCharactersOfTheUnambiguousAlphabet()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = PairingCode.New();
            Assert.Equal(PairingCode.Length, code.Length);
            Assert.All(code, c => Assert.Contains(c, PairingCode.Alphabet));
        }
    }

    [Fact]
    public void Alphabet_HasNoLookAlikes()
    {
        foreach (var c in "0O1IL2Z5S8B")
        {
            Assert.DoesNotContain(c, PairingCode.Alphabet);
        }
    }

    [Fact]
    public void New_DrawsDifferentCodes()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => PairingCode.New()).ToHashSet(StringComparer.Ordinal);

        // 25^6 ≈ 244 million codes: a thousand draws collide with probability about 0.2 %.
        Assert.True(codes.Count >= 998, $"Only {codes.Count} distinct codes in 1000 draws.");
    }

    [Theory]
    [InlineData("acd efg", "ACDEFG")]
    [InlineData("ACD-EFG", "ACDEFG")]
    [InlineData(" 34 67 9a ", "34679A")]
    public void Normalize_AcceptsWhatAPersonTypes(string typed, string expected) =>
        Assert.Equal(expected, PairingCode.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ACDEF")]
    [InlineData("ACDEFGH")]
    [InlineData("ACDEF0")]
    [InlineData("ACDEFÉ")]
    public void Normalize_RefusesWhatCannotBeACode(string? typed) => Assert.Null(PairingCode.Normalize(typed));

    [Fact]
    public void Hash_IsTheSameForTheSameCode_AndDiffersOtherwise()
    {
        Assert.Equal(PairingCode.Hash("ACDEFG"), PairingCode.Hash("ACDEFG"));
        Assert.NotEqual(PairingCode.Hash("ACDEFG"), PairingCode.Hash("ACDEFH"));
        Assert.Equal(32, PairingCode.Hash("ACDEFG").Length);
    }

    [Fact]
    public void CredentialTokens_Are256Bits_AndDiffer()
    {
        var a = ScreenCredential.NewToken();
        var b = ScreenCredential.NewToken();

        Assert.Equal(43, a.Length);
        Assert.NotEqual(a, b);
        Assert.DoesNotContain('.', a);
    }

    [Theory]
    [InlineData("/wall", true)]
    [InlineData("/wall/provinces", true)]
    [InlineData("/wall/provinces/79?year=2026", true)]
    [InlineData("/wall?interrupt=0", true)]
    [InlineData("/wallpaper", false)]
    [InlineData("/alerts", false)]
    [InlineData("//evil.example/wall", false)]
    [InlineData("https://evil.example/wall", false)]
    [InlineData("/wall//evil.example", false)]
    [InlineData("/wall\\x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsView_AllowsOnlyThisAppsWallPages(string? path, bool allowed) => Assert.Equal(allowed, ScreenPaths.IsView(path));
}

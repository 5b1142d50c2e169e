using MonitoringCenter.Web.Demo;


namespace MonitoringCenter.Tests.Demo;

[Trait("Category", "Unit")]
public sealed class ApportionTests
{
    [Fact]
    public void Split_PartsAddUpToTheTotalExactly()
    {
        var parts = Apportion.Split(576_884, [0.3, 0.2, 0.17, 0.33, 0.0001]);
        Assert.Equal(576_884, parts.Sum());
    }

    [Fact]
    public void Split_NoPartExceedsItsCap()
    {
        long[] caps = [5, 100, 1000];
        var parts = Apportion.Split(600, [10.0, 1.0, 1.0], caps);
        Assert.Equal(600, parts.Sum());
        Assert.All(parts.Zip(caps), p => Assert.True(p.First <= p.Second));
        Assert.Equal(5, parts[0]);
    }

    [Fact]
    public void Split_MoreThanTheCapsHold_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Apportion.Split(10, [1.0, 1.0], [3, 3]));
    }
}

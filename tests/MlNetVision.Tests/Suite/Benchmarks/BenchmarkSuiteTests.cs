using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class BenchmarkSuiteTests
{
    [Fact]
    public void Cases_NoOptions_AreTheFiveIssueCases()
    {
        var cases = BenchmarkSuite.Cases(null, null);

        Assert.Equal(
            [("simple_cnn", 32), ("simple_vit", 32), ("resnet18", 32), ("resnet18", 224), ("deit_tiny_patch16_224", 224)],
            cases);
    }

    [Fact]
    public void Cases_Profile_AreResNetAndVitAt32()
    {
        Assert.Equal([("resnet18", 32), ("simple_vit", 32)], BenchmarkSuite.Cases(null, null, profile: true));
    }

    [Fact]
    public void Cases_ModelWithoutSize_UsesItsDefaultSize()
    {
        Assert.Equal([("deit_tiny_patch16_224", 224)], BenchmarkSuite.Cases("deit_tiny_patch16_224", null));
    }

    [Fact]
    public void Cases_SizeForEveryCase_DropsDuplicates()
    {
        var cases = BenchmarkSuite.Cases(null, 64);

        Assert.Equal(4, cases.Count);
        Assert.Single(cases, c => c.Model == "resnet18");
        Assert.All(cases, c => Assert.Equal(64, c.ImageSize));
    }

    [Theory]
    [InlineData("resnet18", 224, true)]
    [InlineData("resnet18", 32, false)]
    [InlineData("simple_cnn", 32, false)]
    [InlineData("deit_tiny_patch16_224", 224, false)]
    public void ChannelsLastByDefault_Case_OnlyResNet18At224(string model, int size, bool expected)
    {
        Assert.Equal(expected, BenchmarkSuite.ChannelsLastByDefault(model, size));
    }

    [Theory]
    [InlineData(32, 5)]
    [InlineData(64, 5)]
    [InlineData(112, 3)]
    [InlineData(224, 3)]
    public void DefaultSteps_BySize_FewerForLargeImages(int size, int steps)
    {
        Assert.Equal(steps, BenchmarkSuite.DefaultSteps(size));
    }

    [Theory]
    [InlineData("simple_cnn", "simple_cnn")]
    [InlineData("simple_vit", "simple_vit")]
    [InlineData("resnet18", "resnet18")]
    [InlineData("deit_tiny_patch16_224", "deit_tiny")]
    [InlineData("resnet18_mlnet_imagenet", null)]
    public void PeerModel_RegisteredName_IsThePeersName(string model, string? peer)
    {
        Assert.Equal(peer, BenchmarkSuite.PeerModel(model));
    }
}

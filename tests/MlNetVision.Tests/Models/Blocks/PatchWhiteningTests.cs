using MlNetVision.Models.Blocks;
using MlNetVision.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models.Blocks;

public class PatchWhiteningTests
{
    [Fact]
    public void Filters_TwoByTwo_EachDirectionAndItsNegative()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(2);
        using var scope = NewDisposeScope();

        var filters = PatchWhitening.Filters(rand(16, 3, 8, 8), kernel: 2, epsilon: 5e-4);

        Assert.Equal(24, PatchWhitening.Channels(2));
        Assert.Equal(new long[] { 24, 3, 2, 2 }, filters.shape);
        Assert.Equal(ScalarType.Float32, filters.dtype);
        Assert.Equal(filters[..12].neg().data<float>().ToArray(), filters[12..].data<float>().ToArray());
    }

    [Fact]
    public void Filters_LargerEpsilon_SmallerFilters()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(2);
        using var scope = NewDisposeScope();
        var images = rand(16, 3, 8, 8);

        var sharp = PatchWhitening.Filters(images, 2, 1e-4).abs().max().item<float>();
        var damped = PatchWhitening.Filters(images, 2, 1.0).abs().max().item<float>();

        Assert.True(damped < sharp, $"{damped} vs {sharp}");
    }
}

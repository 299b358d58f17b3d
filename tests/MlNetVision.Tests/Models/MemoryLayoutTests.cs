using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models;

public class MemoryLayoutTests
{
    [Fact]
    public void ChannelsLast_Batch_SameValuesWithNhwcStrides()
    {
        TorchRuntime.EnsureLoaded();
        using var images = rand(2, 3, 4, 5);

        using var converted = MemoryLayout.ChannelsLast(images);

        Assert.Equal(images.shape, converted.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, converted.stride());
        Assert.True(MemoryLayout.IsChannelsLast(converted));
        Assert.False(MemoryLayout.IsChannelsLast(images));
        Assert.True(converted.allclose(images, 0, 0));
    }

    [Fact]
    public void ToChannelsLast_SimpleCnn_ConvWeightsChannelsLastAndOutputUnchanged()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(10, 32));
        model.eval();
        var x = randn(2, 3, 32, 32);
        var before = model.forward(x);

        MemoryLayout.ToChannelsLast(model);

        Assert.All(model.parameters().Where(p => p.dim() == 4), p => Assert.True(MemoryLayout.IsChannelsLast(p)));
        Assert.True(model.forward(MemoryLayout.ChannelsLast(x)).allclose(before, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void ChannelsLast_TwoDimensionalTensor_Throws()
    {
        TorchRuntime.EnsureLoaded();
        using var matrix = rand(3, 4);

        Assert.Throws<ArgumentException>(() => MemoryLayout.ChannelsLast(matrix));
    }
}

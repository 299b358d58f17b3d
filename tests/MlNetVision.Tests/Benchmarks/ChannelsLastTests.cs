using MlNetVision.Benchmarks;
using MlNetVision.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Benchmarks;

public class ChannelsLastTests
{
    [Fact]
    public void Copy_NchwTensor_SameValuesWithChannelStrideOne()
    {
        using var scope = NewDisposeScope();
        var x = arange(2 * 3 * 4 * 5, dtype: ScalarType.Float32).reshape(2, 3, 4, 5);

        var copy = ChannelsLast.Copy(x);

        Assert.Equal(x.shape, copy.shape);
        Assert.Equal([60L, 1, 15, 3], copy.stride());
        Assert.True(ChannelsLast.Is(copy));
        Assert.False(ChannelsLast.Is(x));
        Assert.True(copy.eq(x).all().item<bool>());
    }

    [Fact]
    public void Apply_SimpleCnn_ConvWeightsChannelsLastAndOutputUnchanged()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(10, 32));
        model.eval();
        var x = randn(2, 3, 32, 32);
        var before = model.forward(x);

        ChannelsLast.Apply(model);

        Assert.All(model.parameters().Where(p => p.dim() == 4), p => Assert.True(ChannelsLast.Is(p)));
        Assert.True(model.forward(ChannelsLast.Copy(x)).allclose(before, rtol: 1e-4, atol: 1e-5));
    }
}

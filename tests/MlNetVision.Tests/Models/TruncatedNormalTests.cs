using MlNetVision.Models;
using MlNetVision.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models;

public class TruncatedNormalTests
{
    [Fact]
    public void Fill_ViTDeviation_FiniteWithTheAskedSpread()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(0);
        using var scope = NewDisposeScope();
        for (int i = 0; i < 50; i++)
        {
            var w = TruncatedNormal.Fill(empty(192, 192), std: 0.02);
            Assert.False(w.isnan().any().item<bool>() || w.isinf().any().item<bool>(), $"draw {i} not finite");
            Assert.InRange(w.std().item<float>(), 0.0195f, 0.0205f);
        }
    }

    [Fact]
    public void Fill_TightBounds_Clamped()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();

        var w = TruncatedNormal.Fill(empty(1000), std: 1, a: -0.5, b: 0.5);

        Assert.InRange(w.min().item<float>(), -0.5f, -0.4f);
        Assert.InRange(w.max().item<float>(), 0.4f, 0.5f);
    }
}

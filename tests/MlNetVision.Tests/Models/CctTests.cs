using MlNetVision.Models;
using MlNetVision.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models;

public class CctTests
{
    [Theory]
    [InlineData("cct_7_3x1", 256)]
    [InlineData("cct_4_3x2", 64)]
    public void Constructor_At32Pixels_HasPaperTokenCount(string name, int tokens)
    {
        using var model = (Cct)ModelRegistry.Create(name, new ModelSpec(10, 32));

        Assert.Equal(tokens, model.Tokens);
        Assert.Equal(new long[] { 1, tokens, model.Shape.Dim }, model.PositionalEmbedding.shape);
    }

    [Fact]
    public void Forward_Training_StochasticDepthVariesOutputButEvalIsDeterministic()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.random.manual_seed(1);
        var model = new Cct(new ModelSpec(10, 32), CctShape.Cct4x3x2 with { StochasticDepth = 0.5 });
        var x = randn(4, 3, 32, 32);

        model.train();
        var first = model.call(x);
        var second = model.call(x);
        model.eval();
        using var noGrad = no_grad();
        var evalFirst = model.call(x);
        var evalSecond = model.call(x);

        Assert.True(first.sub(second).abs().max().item<float>() > 0);   // small at initialisation: the branches start near zero
        Assert.Equal(evalFirst.data<float>().ToArray(), evalSecond.data<float>().ToArray());
    }
}

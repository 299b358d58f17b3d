using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Models.Blocks;
using MlNetVision.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models;

public class CctTests
{
    [Theory]
    [InlineData("cct_7_3x1", 256)]
    [InlineData("cct_4_3x2", 64)]
    [InlineData("hybrid_vit_3x192", 49)]   // 32 → 31 (2×2 whitening) → 15 → 7
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

    [Fact]
    public void InitializeFromData_Hybrid_SetsFrozenWhiteningFromThePatches()
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(3);
        using var scope = NewDisposeScope();
        using var model = (Cct)ModelRegistry.Create("hybrid_vit_3x192", new ModelSpec(10, 32));
        var images = rand(32, 3, 32, 32);
        var whiten = (nn.Module<Tensor, Tensor>)model.Tokenizer.named_children().Single(c => c.name == "whiten").module;
        var before = whiten.parameters().First().clone();

        Assert.Equal(5000, model.InitializationImages);
        model.InitializeFromData(images);

        var weight = whiten.named_parameters().Single(p => p.name == "weight").parameter;
        Assert.False(weight.requires_grad);
        Assert.True(whiten.named_parameters().Single(p => p.name == "bias").parameter.requires_grad);
        Assert.False(weight.allclose(before));
        Assert.True(weight.allclose(PatchWhitening.Filters(images, CctShape.WhiteningKernel, CctShape.WhiteningEpsilon)));
    }

    [Fact]
    public void InitializationImages_PlainTokenizer_NoneWanted()
    {
        using var model = (Cct)ModelRegistry.Create("cct_4_3x2", new ModelSpec(10, 32));

        Assert.Equal(0, model.InitializationImages);
    }
}

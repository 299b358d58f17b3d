using MlNetVision.Registry;
using MlNetVision.Suite.Benchmarks;
using MlNetVision.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class Bf16WeightsTests
{
    [Fact]
    public void Apply_ResNet18_BatchNormStaysFloat32AndBf16InputRuns()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 32));

        Bf16Weights.Apply(model);

        var norms = model.modules().OfType<BatchNorm>().ToList();
        Assert.NotEmpty(norms);
        Assert.All(norms.SelectMany(n => n.parameters()), p => Assert.Equal(ScalarType.Float32, p.dtype));
        Assert.All(norms.SelectMany(n => n.buffers()).Where(b => b.is_floating_point()), b => Assert.Equal(ScalarType.Float32, b.dtype));
        var others = model.named_parameters().Where(p => !norms.SelectMany(n => n.parameters()).Any(q => ReferenceEquals(q, p.parameter))).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, p => Assert.Equal(ScalarType.BFloat16, p.parameter.dtype));
        var logits = model.forward(randn(2, 3, 32, 32).to_type(ScalarType.BFloat16));
        Assert.Equal(ScalarType.BFloat16, logits.dtype);
        Assert.True(logits.to_type(ScalarType.Float32).isfinite().all().item<bool>());
    }
}

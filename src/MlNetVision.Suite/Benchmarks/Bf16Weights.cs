using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// bfloat16 weights for speed runs. TorchSharp 0.107 has no <c>torch.autocast</c>, so instead of PyTorch's
/// per-op casting with float32 master weights the module itself is converted: every floating-point parameter and
/// buffer becomes bfloat16 except those of BatchNorm layers, which stay float32 (libtorch's CPU batch norm takes
/// bfloat16 inputs with float32 weights and statistics). Feed bfloat16 inputs and compute the loss on float32 logits.
/// </summary>
public static class Bf16Weights
{
    /// <summary>Converts <paramref name="module"/> in place; create the optimizer afterwards.</summary>
    public static void Apply(nn.Module module)
    {
        module.to(ScalarType.BFloat16);
        foreach (var norm in module.modules().OfType<BatchNorm>())
            norm.to(ScalarType.Float32);
    }
}

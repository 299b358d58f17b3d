using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// Works around wrong convolutions in the libtorch that TorchSharp 0.107 ships. On some CPUs its oneDNN kernels for a
/// k×k (k &gt; 1) convolution over a contiguous (NCHW) input return wrong values, NaN among them, when a channel count
/// is not a multiple of 16: the forward pass with 20 or 24 input channels, and the input gradient with 4, 8 or 24
/// output channels. Measured in fp32 and bf16 on an AMD Zen 5 (family 26) host, 2026-11-30, against a float64
/// reference (the test <c>OneDnnConvolutionGuardTests</c> does the same); every channels-last case was right, and
/// so was every count that is a multiple of 16. airbench's first conv group reads the 24 whitening channels, so
/// <see cref="ConvGroup"/> convolves such inputs in channels-last memory (same values, same shape) and hands the
/// result back contiguous, leaving the rest of the network in the layout it was given.
/// </summary>
internal static class OneDnnConvolutionGuard
{
    /// <summary>True when convolving <paramref name="input"/> with weights of shape <paramref name="weightShape"/>
    /// (<c>[out, in, k, k]</c>) falls in the affected class.</summary>
    public static bool Affects(Tensor input, long[] weightShape) =>
        weightShape.Length == 4 && weightShape[2] * weightShape[3] > 1 && input.dim() == 4 && input.device_type == DeviceType.CPU
        && input.is_contiguous() && (weightShape[0] % 16 != 0 || weightShape[1] % 16 != 0);

    /// <summary><paramref name="convolve"/> applied to <paramref name="input"/>, through channels-last memory when <see cref="Affects"/>.</summary>
    public static Tensor Apply(Tensor input, long[] weightShape, Func<Tensor, Tensor> convolve)
    {
        if (!Affects(input, weightShape)) return convolve(input);
        using var scope = NewDisposeScope();
        return convolve(MemoryLayout.ChannelsLast(input)).contiguous().MoveToOuterDisposeScope();
    }
}

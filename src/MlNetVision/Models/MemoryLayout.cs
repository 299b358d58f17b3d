using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// Channels-last (NHWC) memory order, which TorchSharp 0.107 has no <c>memory_format</c> argument for
/// (<c>contiguous</c> and <c>Module.to</c> take none): a 4-D tensor permuted to NHWC, made contiguous and permuted
/// back keeps its NCHW shape with NHWC strides — what <c>contiguous(memory_format=torch.channels_last)</c> gives —
/// and libtorch's convolutions then pick their channels-last kernels.
/// </summary>
internal static class MemoryLayout
{
    /// <summary>A channels-last copy of the 4-D tensor <paramref name="x"/> (same shape and values, strides <c>[H·W·C, 1, W·C, C]</c>).</summary>
    public static Tensor ChannelsLast(Tensor x)
    {
        if (x.dim() != 4) throw new ArgumentException($"Channels-last needs a 4-D tensor, got {x.dim()} dimensions.", nameof(x));
        using var scope = NewDisposeScope();
        return x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>True when <paramref name="x"/> is 4-D and laid out channels-last (channel stride 1).</summary>
    public static bool IsChannelsLast(Tensor x)
    {
        if (x.dim() != 4) return false;
        var stride = x.stride();
        long channels = x.shape[1], height = x.shape[2], width = x.shape[3];
        return stride[1] == 1 && stride[3] == channels && stride[2] == channels * width && (x.shape[0] == 1 || stride[0] == channels * height * width);
    }

    /// <summary>
    /// Moves every 4-D parameter and buffer of <paramref name="module"/> to channels-last in place (their storage is
    /// replaced, the objects stay), as PyTorch's <c>module.to(memory_format=torch.channels_last)</c>. Create the
    /// optimizer afterwards.
    /// </summary>
    public static void ToChannelsLast(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var tensor in module.parameters().Cast<Tensor>().Concat(module.buffers()).Where(t => t.dim() == 4))
        {
            using var copy = ChannelsLast(tensor);
            tensor.set_(copy);
        }
    }
}

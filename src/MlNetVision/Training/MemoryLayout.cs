using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>Memory layouts of image batches.</summary>
public static class MemoryLayout
{
    /// <summary>
    /// The same <c>[N, C, H, W]</c> values with channels-last strides (<c>[H·W·C, 1, W·C, C]</c>), what PyTorch's
    /// <c>contiguous(memory_format=torch.channels_last)</c> gives.
    /// </summary>
    public static Tensor ChannelsLast(Tensor images) => images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>Whether <paramref name="images"/> has channels-last strides.</summary>
    public static bool IsChannelsLast(Tensor images) =>
        images.dim() == 4 && images.stride(1) == 1 && images.stride(3) == images.shape[1] && images.stride(2) == images.shape[1] * images.shape[3];
}

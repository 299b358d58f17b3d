using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// PyTorch's <c>nn.init.trunc_normal_(t, mean, std, a=-2, b=2)</c> as timm calls it for ViT weights (<c>std=.02</c>):
/// the bounds are absolute values, so at these small deviations the draw is an untruncated normal. TorchSharp 0.107's
/// own <c>trunc_normal_</c> differs: it cuts at about one deviation and returned NaN in 1 of 200 draws of a 192×192
/// matrix (measured), so the models use this instead: a normal draw clamped to the bounds.
/// </summary>
internal static class TruncatedNormal
{
    /// <summary>Fills <paramref name="tensor"/> in place with N(<paramref name="mean"/>, <paramref name="std"/>²) clamped to [<paramref name="a"/>, <paramref name="b"/>] (absolute values, as PyTorch) and returns it.</summary>
    public static Tensor Fill(Tensor tensor, double std, double mean = 0, double a = -2, double b = 2)
    {
        using var noGrad = no_grad();
        return tensor.normal_(mean, std).clamp_(a, b);
    }
}

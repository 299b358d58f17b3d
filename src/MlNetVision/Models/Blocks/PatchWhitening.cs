using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// airbench's patch-whitening filters: with the covariance of the images' k×k patches <c>C = V Λ Vᵀ</c>, the filters
/// are the rows of <c>Vᵀ</c> divided by <c>√(λ + ε)</c>, then their negatives (<c>2·3·k²</c> filters in all). A frozen
/// convolution with them hands the first trained layer decorrelated, unit-variance inputs.
/// </summary>
internal static class PatchWhitening
{
    /// <summary>Added to the patch-covariance eigenvalues before dividing by their root (airbench's value).</summary>
    public const double DefaultEpsilon = 5e-4;

    /// <summary>Output channels for <paramref name="kernel"/>: each eigen-direction of a 3-channel k×k patch and its negative.</summary>
    public static int Channels(int kernel) => 2 * 3 * kernel * kernel;

    /// <summary>The whitening convolution: 3 → <see cref="Channels"/> channels, k×k, no padding, with a bias; its weights
    /// are frozen when <paramref name="frozen"/> (then set by <see cref="Initialize"/>; the bias stays trainable).</summary>
    public static Conv2d Layer(int kernel, bool frozen = true)
    {
        var layer = Conv2d(3, Channels(kernel), kernel, padding: 0L, bias: true);
        layer.weight!.requires_grad = !frozen;
        return layer;
    }

    /// <summary>Sets <paramref name="layer"/>'s weights to the <see cref="Filters"/> of <paramref name="images"/> and its bias to zero.</summary>
    public static void Initialize(Conv2d layer, Tensor images, double epsilon)
    {
        using var noGrad = no_grad();
        using var filters = Filters(images, (int)layer.weight!.shape[^1], epsilon);
        layer.weight.copy_(filters);
        layer.bias!.zero_();
    }

    /// <summary>The filters <c>[2·3·k², 3, k, k]</c> (fp32) for normalised <paramref name="images"/> <c>[N, 3, S, S]</c>.</summary>
    public static Tensor Filters(Tensor images, int kernel, double epsilon)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var patches = images.to(ScalarType.Float64).unfold(2, kernel, 1).unfold(3, kernel, 1)   // [N, C, H', W', k, k]
            .permute(0, 2, 3, 1, 4, 5).reshape(-1, 3 * kernel * kernel);                        // [patches, C·k·k]
        var covariance = patches.T.matmul(patches).div(patches.shape[0]);
        var (eigenvalues, eigenvectors) = linalg.eigh(covariance);
        var filters = eigenvectors.T.reshape(-1, 3, kernel, kernel).div(eigenvalues.add(epsilon).sqrt().view(-1, 1, 1, 1));
        return cat([filters, filters.neg()]).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}

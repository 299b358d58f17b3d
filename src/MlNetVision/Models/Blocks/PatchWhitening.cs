using static TorchSharp.torch;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// airbench's patch-whitening filters: with the covariance of the images' k×k patches <c>C = V Λ Vᵀ</c>, the filters
/// are the rows of <c>Vᵀ</c> divided by <c>√(λ + ε)</c>, then their negatives (<c>2·3·k²</c> filters in all). A frozen
/// convolution with them hands the first trained layer decorrelated, unit-variance inputs.
/// </summary>
public static class PatchWhitening
{
    /// <summary>Output channels for <paramref name="kernel"/>: each eigen-direction of a 3-channel k×k patch and its negative.</summary>
    public static int Channels(int kernel) => 2 * 3 * kernel * kernel;

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

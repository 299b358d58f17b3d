using MlNetVision.Native;
using MlNetVision.Training.Optimizers;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Training.Optimizers;

public class NewtonSchulzTests
{
    /// <summary>A 32 × 96 matrix with singular values spread over three orders of magnitude.</summary>
    private static Tensor IllConditioned(bool tall)
    {
        manual_seed(5);
        var (u, _, vh) = linalg.svd(randn(32, 96), fullMatrices: false);
        var singular = logspace(0, -3, 32);
        var matrix = u.matmul(diag(singular)).matmul(vh);
        return tall ? matrix.t().contiguous() : matrix;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Orthogonalize_GaussianMatrix_SingularValuesNearOne(bool tall)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        manual_seed(4);
        var matrix = randn(32, 96).mul(7);                                   // singular values about 29 to 108
        if (tall) matrix = matrix.t();

        var result = NewtonSchulz.Orthogonalize(matrix);

        Assert.Equal(matrix.shape, result.shape);
        Assert.All(linalg.svdvals(result).data<float>().ToArray(), s => Assert.InRange(s, 0.5f, 1.5f));
    }

    [Fact]
    public void Orthogonalize_IllConditionedMatrix_KeepsTheSingularVectors()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var matrix = IllConditioned(tall: false);
        var (u, _, vh) = linalg.svd(matrix, fullMatrices: false);
        var polar = u.matmul(vh);                                            // the exact orthogonal factor U Vᵀ

        var result = NewtonSchulz.Orthogonalize(matrix, steps: 5);

        double cosine = result.mul(polar).sum().item<float>() / (result.norm().item<float>() * polar.norm().item<float>());
        Assert.True(cosine > 0.95, $"cosine to U Vᵀ is {cosine:0.000}");
    }

    [Fact]
    public void Orthogonalize_NotAMatrix_Throws()
    {
        TorchRuntime.EnsureLoaded();
        using var vector = ones(5);

        var error = Assert.Throws<ArgumentException>(() => NewtonSchulz.Orthogonalize(vector));

        Assert.Contains("2-D", error.Message);
    }
}

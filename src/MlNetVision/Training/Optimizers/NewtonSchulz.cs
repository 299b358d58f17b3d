using static TorchSharp.torch;

namespace MlNetVision.Training.Optimizers;

/// <summary>
/// The approximate orthogonalisation Muon applies to an update (Keller Jordan, "Muon: an optimizer for hidden layers",
/// 2024; <c>zeropower_via_newtonschulz5</c> in airbench94_muon): a few steps of a quintic Newton–Schulz iteration
/// <c>X ← aX + (bA + cA²)X</c> with <c>A = XXᵀ</c>, from the matrix scaled to spectral norm ≤ 1. The coefficients
/// (3.4445, −4.7750, 2.0315) maximise the slope at zero, so small singular values grow fast; the result is
/// <c>U S′ Vᵀ</c> with S′ roughly in [0.5, 1.5] rather than exactly <c>U Vᵀ</c>, which trains as well.
/// Computed in float32 (the reference uses bfloat16 on a GPU; on a CPU without bfloat16 matrix units that would be emulated).
/// </summary>
internal static class NewtonSchulz
{
    private const double A = 3.4445, B = -4.7750, C = 2.0315;

    /// <summary>Iterations airbench94_muon uses.</summary>
    public const int DefaultSteps = 3;

    /// <summary>
    /// The orthogonalised form of the 2-D <paramref name="matrix"/> (same shape, float32): its singular vectors,
    /// its singular values pushed towards 1.
    /// </summary>
    public static Tensor Orthogonalize(Tensor matrix, int steps = DefaultSteps, double epsilon = 1e-7)
    {
        if (matrix.dim() != 2) throw new ArgumentException($"Newton–Schulz needs a 2-D matrix, got shape [{string.Join(", ", matrix.shape)}].", nameof(matrix));
        using var scope = NewDisposeScope();
        bool tall = matrix.shape[0] > matrix.shape[1];
        var x = matrix.to(ScalarType.Float32);
        x = x.div(x.norm().add(epsilon));                   // Frobenius norm ≥ spectral norm: top singular value ≤ 1
        if (tall) x = x.t();
        for (int i = 0; i < steps; i++)
        {
            var a = x.matmul(x.t());
            var b = a.mul(B).add(a.matmul(a), alpha: C);
            x = x.mul(A).add(b.matmul(x));
        }
        if (tall) x = x.t();
        return x.contiguous().MoveToOuterDisposeScope();
    }
}

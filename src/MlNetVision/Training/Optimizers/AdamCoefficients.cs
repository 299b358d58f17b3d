namespace MlNetVision.Training.Optimizers;

/// <summary>
/// The numbers of one Adam step of one parameter, as TorchSharp's <c>Adam</c> and <c>AdamW</c> compute them:
/// <c>g ← g + L2·p</c>; <c>p ← p·Decay</c>; <c>m ← β₁m + (1 − β₁)g</c>; <c>v ← β₂v + (1 − β₂)g²</c>;
/// <c>p ← p − StepSize · m / (√v / √(1 − β₂ᵗ) + ε)</c>.
/// </summary>
/// <param name="Beta1">β₁, the first moment's decay.</param>
/// <param name="OneMinusBeta1">1 − β₁, rounded once from double as libtorch's scalar argument is.</param>
/// <param name="Beta2">β₂, the second moment's decay.</param>
/// <param name="OneMinusBeta2">1 − β₂, rounded once from double.</param>
/// <param name="Epsilon">ε, added to the denominator.</param>
/// <param name="SqrtBiasCorrection2">√(1 − β₂ᵗ) at step t (1-based).</param>
/// <param name="StepSize">learning rate ÷ (1 − β₁ᵗ).</param>
/// <param name="L2">Adam's weight decay, added to the gradient (0 for AdamW).</param>
/// <param name="Decay">AdamW's decoupled factor 1 − learning rate × weight decay (1 for Adam).</param>
internal readonly record struct AdamCoefficients(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float Epsilon, float SqrtBiasCorrection2, float StepSize, float L2, float Decay)
{
    /// <summary>The coefficients of step <paramref name="step"/> (1-based).</summary>
    public static AdamCoefficients At(long step, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupled) => new(
        (float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)epsilon,
        (float)Math.Sqrt(1 - Math.Pow(beta2, step)),
        (float)(learningRate / (1 - Math.Pow(beta1, step))),
        decoupled ? 0f : (float)weightDecay,
        decoupled ? (float)(1 - learningRate * weightDecay) : 1f);
}

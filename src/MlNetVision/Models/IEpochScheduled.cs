namespace MlNetVision.Models;

/// <summary>
/// A model whose trainable parameters change with the epoch, such as airbench's whitening bias, which trains in the
/// first epochs only. The training loop calls <see cref="BeginEpoch"/> before each epoch's first step, also when it
/// resumes in the middle of a run.
/// </summary>
internal interface IEpochScheduled
{
    /// <summary>Sets up the 1-based <paramref name="epoch"/>: a parameter that stops training gets <c>requires_grad = false</c>
    /// and no gradient, so the optimizer skips it (no momentum, no weight decay).</summary>
    void BeginEpoch(int epoch);
}

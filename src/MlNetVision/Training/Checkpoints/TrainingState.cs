namespace MlNetVision.Training.Checkpoints;

/// <summary>Where a training run stands: enough, with the weights, optimizer and RNG state, to continue it exactly.</summary>
/// <param name="Epoch">The epoch in progress (1-based).</param>
/// <param name="StepInEpoch">Steps of that epoch already done.</param>
/// <param name="GlobalStep">Steps done in the whole run.</param>
/// <param name="LossSum">Sum of per-image losses in the epoch so far.</param>
/// <param name="Correct">Training images classified correctly in the epoch so far.</param>
/// <param name="Seen">Training images seen in the epoch so far.</param>
/// <param name="EpochSeconds">Training seconds spent in the epoch so far.</param>
/// <param name="History">Completed epochs.</param>
/// <param name="BestValidationAccuracy">Best validation accuracy so far, if any.</param>
/// <param name="BestEpoch">The epoch that reached it.</param>
/// <param name="Fingerprint">The configuration the checkpoint belongs to.</param>
internal sealed record TrainingState(int Epoch, int StepInEpoch, long GlobalStep, double LossSum, long Correct, long Seen, double EpochSeconds,
    IReadOnlyList<EpochRecord> History, double? BestValidationAccuracy, int? BestEpoch, string Fingerprint)
{
    /// <summary>The state before the first step.</summary>
    public static TrainingState Start(string fingerprint) => new(1, 0, 0, 0, 0, 0, 0, [], null, null, fingerprint);
}

namespace MlNetVision.Training;

/// <summary>What <see cref="TrainingLoop.Run"/> did.</summary>
/// <param name="History">Completed epochs, including those of a resumed checkpoint.</param>
/// <param name="Interrupted">True when cancellation stopped the run early (after writing a checkpoint).</param>
/// <param name="BestValidationAccuracy">Best validation accuracy seen, if there was a validation split.</param>
/// <param name="BestEpoch">The epoch that reached it.</param>
/// <param name="ResumedFromStep">The global step the run resumed from (0 for a fresh run).</param>
internal sealed record TrainingResult(IReadOnlyList<EpochRecord> History, bool Interrupted, double? BestValidationAccuracy, int? BestEpoch, long ResumedFromStep);

namespace MlNetVision.Persistence;

/// <summary>The outcome of a batch prediction that skips bad images.</summary>
/// <param name="Predictions">The classified images, in the order of the paths.</param>
/// <param name="Skipped">The images left out, in the order of the paths.</param>
internal sealed record PredictionBatch(IReadOnlyList<ImagePrediction> Predictions, IReadOnlyList<SkippedImage> Skipped);

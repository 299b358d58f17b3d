namespace MlNetVision.Serving;

/// <summary>What <c>POST /predict</c> answers.</summary>
/// <param name="Model">The network's name.</param>
/// <param name="Experiment">The experiment that trained it.</param>
/// <param name="Predictions">One per uploaded file, in upload order.</param>
public sealed record PredictionResponse(string Model, string Experiment, IReadOnlyList<FilePrediction> Predictions);

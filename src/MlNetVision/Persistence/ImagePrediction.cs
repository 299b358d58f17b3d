namespace MlNetVision.Persistence;

/// <summary>One prediction.</summary>
/// <param name="ImagePath">The image.</param>
/// <param name="Label">Predicted class name.</param>
/// <param name="Probability">Its probability.</param>
/// <param name="Scores">Every class's probability, in the model's class order.</param>
public sealed record ImagePrediction(string ImagePath, string Label, float Probability, float[] Scores);

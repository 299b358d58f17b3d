namespace MlNetVision.Serving;

/// <summary>A class and its probability.</summary>
/// <param name="Label">The class name.</param>
/// <param name="Probability">Its probability (the <c>Score</c> slot).</param>
public sealed record LabelProbability(string Label, float Probability);

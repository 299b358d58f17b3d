namespace MlNetVision.Serving;

/// <summary>The prediction for one uploaded file.</summary>
/// <param name="File">The uploaded file's name.</param>
/// <param name="Label">The predicted class (the zip's <c>PredictedLabel</c>).</param>
/// <param name="Probability">Its probability.</param>
/// <param name="Top">The most probable classes, most probable first.</param>
public sealed record FilePrediction(string File, string Label, float Probability, IReadOnlyList<LabelProbability> Top);

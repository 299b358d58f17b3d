namespace MlNetVision.Serving;

/// <summary>The zip's outputs, as ML.NET's samples declare them.</summary>
public sealed class ModelOutput
{
    /// <summary>The predicted class name.</summary>
    public string PredictedLabel { get; set; } = "";

    /// <summary>Class probabilities, in the order of the <c>Score</c> column's slot names (the class names).</summary>
    public float[] Score { get; set; } = [];
}

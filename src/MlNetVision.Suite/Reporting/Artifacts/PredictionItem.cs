using System.Text.Json.Serialization;

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>One test image's prediction in <see cref="PredictionsFile"/>.</summary>
/// <param name="I">The image's index in the test set (the order of <c>report.json</c>'s evaluation).</param>
/// <param name="Source">Where the image came from: its path relative to the data folder (with <c>/</c>) for an image folder,
/// <c>test_batch.bin#1234</c> (the record's index in the file) for CIFAR-10's binary files.</param>
/// <param name="Label">The true class index.</param>
/// <param name="Top">The most probable classes, most probable first: pairs <c>[class index, probability]</c>.</param>
public sealed record PredictionItem(
    [property: JsonPropertyName("i")] int I,
    string Source,
    int Label,
    IReadOnlyList<double[]> Top)
{
    /// <summary>The predicted (most probable) class index, or −1 when <see cref="Top"/> is empty (a hand-edited file).</summary>
    [JsonIgnore]
    public int Predicted => Top is [[var c, ..], ..] ? (int)c : -1;

    /// <summary>The predicted class's probability, or 0 when <see cref="Top"/> has none.</summary>
    [JsonIgnore]
    public double Confidence => Top is [[_, var p, ..], ..] ? p : 0;

    /// <summary>Whether the prediction is right.</summary>
    [JsonIgnore]
    public bool Correct => Predicted == Label;
}

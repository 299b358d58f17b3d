namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// A run's <c>predictions.json</c> as the pages read it: the classes and, for every test image, its true class and its
/// three most probable classes (descending).
/// </summary>
/// <param name="SchemaVersion">The file's layout version (1).</param>
/// <param name="Classes">Class names by index.</param>
/// <param name="Items">One per test image.</param>
public sealed record RecordedPredictions(int SchemaVersion, IReadOnlyList<string> Classes, IReadOnlyList<RecordedPrediction> Items)
{
    /// <summary>The file name beside <c>report.json</c>.</summary>
    public const string FileName = "predictions.json";

    /// <summary>Counts [true][predicted] over the items (the predicted class is the most probable one).</summary>
    public IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix()
    {
        var counts = new long[Classes.Count][];
        for (int t = 0; t < counts.Length; t++) counts[t] = new long[Classes.Count];
        foreach (var item in Items)
            if (item.Label >= 0 && item.Label < counts.Length && item.Predicted >= 0 && item.Predicted < counts.Length)
                counts[item.Label][item.Predicted]++;
        return counts;
    }
}

/// <summary>One test image's prediction.</summary>
/// <param name="I">The test image's index.</param>
/// <param name="Source">Where the image came from (a file path or a CIFAR-10 record), or null.</param>
/// <param name="Label">The true class index.</param>
/// <param name="Top">The most probable classes, each <c>[classIndex, probability]</c>, descending.</param>
public sealed record RecordedPrediction(int I, string? Source, int Label, IReadOnlyList<IReadOnlyList<double>> Top)
{
    /// <summary>The predicted class index (the most probable), or −1 when <see cref="Top"/> is empty.</summary>
    public int Predicted => Top.Count > 0 && Top[0].Count > 0 ? (int)Top[0][0] : -1;

    /// <summary>The predicted class's probability.</summary>
    public double Confidence => Top.Count > 0 && Top[0].Count > 1 ? Top[0][1] : 0;

    /// <summary>True when the predicted class is the true one.</summary>
    public bool Correct => Predicted == Label;
}

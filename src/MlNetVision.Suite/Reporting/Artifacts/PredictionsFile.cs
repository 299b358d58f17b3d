namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>
/// <c>predictions.json</c>: the final model's top classes for every test image, as evaluated (with test-time augmentation
/// when the model has it), so a report can be rebuilt without the model. The README documents each field.
/// </summary>
/// <param name="SchemaVersion">Version of this layout, <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="Classes">Class names by index.</param>
/// <param name="Items">One item per test image, in test order.</param>
public sealed record PredictionsFile(int SchemaVersion, IReadOnlyList<string> Classes, IReadOnlyList<PredictionItem> Items)
{
    /// <summary>The file's name in a run folder.</summary>
    public const string FileName = "predictions.json";

    /// <summary>The layout version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>How many classes each item keeps (fewer when there are fewer classes).</summary>
    public const int TopCount = 3;

    /// <summary>Decimals probabilities are rounded to.</summary>
    public const int Decimals = 4;

    /// <summary>Counts [true][predicted] over the items (the predicted class is the most probable one); items whose
    /// classes are out of range are left out.</summary>
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

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
}

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>
/// <c>augmentation.json</c>: a few training images, each as the model sees it without augmentation and as several views the
/// recipe's training augmentation makes of it (<see cref="AugmentationPreview"/>).
/// </summary>
/// <param name="SchemaVersion">Version of this layout, <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="Size">Side of every image, in pixels.</param>
/// <param name="Augmentation">The augmentation spec the views come from, or <c>none</c> (the views are then the original).</param>
/// <param name="Rows">One row per training image.</param>
public sealed record AugmentationFile(int SchemaVersion, int Size, string Augmentation, IReadOnlyList<AugmentationRow> Rows)
{
    /// <summary>The file's name in a run folder.</summary>
    public const string FileName = "augmentation.json";

    /// <summary>The layout version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary><see cref="Augmentation"/> when the recipe does not augment.</summary>
    public const string NoAugmentation = "none";
}

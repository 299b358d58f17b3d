namespace MlNetVision.Suite.Reporting.Html;

/// <summary>A run's <c>augmentation.json</c>: a few training images and augmented views of each, as the trainer made them.</summary>
/// <param name="SchemaVersion">The file's layout version (1).</param>
/// <param name="Size">The images' side in pixels.</param>
/// <param name="Rows">One row per training image.</param>
/// <param name="Augmentation">The augmentation spec, or <c>none</c> (optional).</param>
public sealed record RecordedAugmentation(int SchemaVersion, int Size, IReadOnlyList<RecordedAugmentationRow> Rows, string? Augmentation)
{
    /// <summary>The file name beside <c>report.json</c>.</summary>
    public const string FileName = "augmentation.json";
}

/// <summary>One training image and its augmented views.</summary>
/// <param name="Original">The image as read, PNG base64.</param>
/// <param name="Views">Augmented views, PNG base64 each.</param>
public sealed record RecordedAugmentationRow(string Original, IReadOnlyList<string> Views);

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>One training image of <see cref="AugmentationFile"/>.</summary>
/// <param name="Original">The image without augmentation, PNG, base64.</param>
/// <param name="Views">The augmented views, PNG, base64.</param>
public sealed record AugmentationRow(string Original, IReadOnlyList<string> Views);

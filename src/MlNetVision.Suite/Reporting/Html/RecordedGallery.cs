namespace MlNetVision.Suite.Reporting.Html;

/// <summary>A run's <c>gallery.json</c>: thumbnails of chosen test images (the most confident mistakes, a few correct per class).</summary>
/// <param name="SchemaVersion">The file's layout version (1).</param>
/// <param name="Size">The thumbnails' side in pixels.</param>
/// <param name="Images">The thumbnails, each with its test index.</param>
public sealed record RecordedGallery(int SchemaVersion, int Size, IReadOnlyList<RecordedImage> Images)
{
    /// <summary>The file name beside <c>report.json</c>.</summary>
    public const string FileName = "gallery.json";
}

/// <summary>One thumbnail.</summary>
/// <param name="I">The test image's index (as in <c>predictions.json</c>).</param>
/// <param name="Png">The PNG, base64.</param>
public sealed record RecordedImage(int I, string Png);

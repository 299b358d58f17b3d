namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>
/// <c>gallery.json</c>: PNG thumbnails of chosen test images (<see cref="GallerySelection"/>): the most confident mistakes and
/// the most confident correct images of every class. Their predictions are in <see cref="PredictionsFile"/> under the same index.
/// </summary>
/// <param name="SchemaVersion">Version of this layout, <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="Size">Side of every thumbnail, in pixels.</param>
/// <param name="Images">The thumbnails: mistakes first (most confident first), then the correct ones by class.</param>
public sealed record GalleryFile(int SchemaVersion, int Size, IReadOnlyList<GalleryImage> Images)
{
    /// <summary>The file's name in a run folder.</summary>
    public const string FileName = "gallery.json";

    /// <summary>The layout version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;
}

using System.Text.Json;
using MlNetVision.Suite.Reporting.Artifacts;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// The optional files (<see cref="PredictionsFile"/>, <see cref="GalleryFile"/>, <see cref="AugmentationFile"/>) beside a run's <c>report.json</c> that the report page shows: predictions, gallery, augmentation
/// preview. A missing file is null (older runs lack them); a file that cannot be read is null with a problem recorded.
/// </summary>
/// <param name="Predictions"><c>predictions.json</c>, or null.</param>
/// <param name="Gallery"><c>gallery.json</c>, or null.</param>
/// <param name="Augmentation"><c>augmentation.json</c>, or null.</param>
/// <param name="Problems">Files present but unreadable, each with the reason.</param>
public sealed record RecordedArtifacts(PredictionsFile? Predictions, GalleryFile? Gallery, AugmentationFile? Augmentation, IReadOnlyList<string> Problems)
{
    /// <summary>No artifacts.</summary>
    public static RecordedArtifacts None { get; } = new(null, null, null, []);

    /// <summary>Reads whichever of the three files exist in <paramref name="folder"/>.</summary>
    public static RecordedArtifacts Read(string folder)
    {
        var problems = new List<string>();
        T? Load<T>(string name) where T : class
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) return null;
            try
            {
                using var stream = File.OpenRead(path);
                return JsonSerializer.Deserialize<T>(stream, ReportJson.Options);
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
            {
                problems.Add($"{name} could not be read: {e.Message}");
                return null;
            }
        }
        return new RecordedArtifacts(Load<PredictionsFile>(PredictionsFile.FileName), Load<GalleryFile>(GalleryFile.FileName),
            Load<AugmentationFile>(AugmentationFile.FileName), problems);
    }
}

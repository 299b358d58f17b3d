using System.Text.Json;
using MlNetVision.Infrastructure;

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>Writes and reads the run-folder artifacts (<see cref="PredictionsFile"/>, <see cref="GalleryFile"/>,
/// <see cref="AugmentationFile"/>): the report's JSON settings without indentation, to keep them small; written atomically.</summary>
public static class ArtifactJson
{
    /// <summary>The serializer settings: <see cref="ReportJson.Options"/>, not indented.</summary>
    public static JsonSerializerOptions Options { get; } = new(ReportJson.Options) { WriteIndented = false };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(T value, string path) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");

    /// <summary>Reads a file <see cref="Write{T}"/> wrote.</summary>
    /// <exception cref="MlNetVisionException">Not valid JSON, or empty.</exception>
    public static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? throw new MlNetVisionException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new MlNetVisionException($"{path} cannot be read: {e.Message}", e);
        }
    }
}

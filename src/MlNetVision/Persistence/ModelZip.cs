using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Infrastructure;

namespace MlNetVision.Persistence;

/// <summary>
/// Saves and loads the model zip: ML.NET's own format (<c>mlContext.Model.Save</c>) plus
/// <see cref="ModelZipMetadata"/>. Loading checks the file and the metadata's schema version first, so a
/// corrupt or too-new zip gives one clear error instead of an ML.NET stack trace.
/// </summary>
public static class ModelZip
{
    /// <summary>The metadata entry's path inside the zip.</summary>
    public const string MetadataEntry = "MlNetVision/metadata.json";

    /// <summary>Saves <paramref name="model"/> with its input schema and metadata, atomically.</summary>
    public static void Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema, ModelZipMetadata metadata, string path) =>
        AtomicFile.Write(path, stream =>
        {
            mlContext.Model.Save(model, inputSchema, stream);
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true);
            using var entry = zip.CreateEntry(MetadataEntry).Open();
            JsonSerializer.Serialize(entry, metadata, JsonDefaults.Options);
        });

    /// <summary>Loads a model zip.</summary>
    /// <exception cref="MlNetVisionException">Missing, corrupt, not an ML.NET model, from a newer schema version, or ML.NET's
    /// temporary copy of the model cannot be written (the temp folder is full or not writable; the message says which).</exception>
    public static (ITransformer Model, ModelZipMetadata? Metadata) Load(MLContext mlContext, string path)
    {
        if (!File.Exists(path)) throw new MlNetVisionException($"Model file not found: {path}");
        var metadata = ReadMetadata(path);
        if (metadata is { SchemaVersion: > ModelZipMetadata.CurrentSchemaVersion })
            throw new MlNetVisionException($"{path} was written by a newer MlNetVision (model schema {metadata.SchemaVersion}); this build reads schema {ModelZipMetadata.CurrentSchemaVersion}. Update MlNetVision.");
        try
        {
            return (mlContext.Model.Load(path, out _), metadata);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ML.NET reports a damaged zip with many exception types, often wrapped by its reflection-based loader.
            var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            var temp = Path.TrimEndingDirectorySeparator(mlContext.TempFilePath ?? Path.GetTempPath());
            if (cause is IOException or UnauthorizedAccessException && cause.Message.Contains(temp, StringComparison.Ordinal))
                throw new MlNetVisionException($"Could not load {path}: ML.NET could not write its temporary copy of the model into {temp} " +
                    $"({cause.Message.Split('\n')[0]}). Is that disk full or not writable? TMPDIR or MLContext.TempFilePath moves it.", e);
            throw new MlNetVisionException($"{path} is not a loadable ML.NET model ({cause.GetType().Name}: {cause.Message.Split('\n')[0]}); the file is corrupt or not a model zip.", e);
        }
    }

    /// <summary>
    /// The ONNX models the zip's ONNX transformers hold (ML.NET stores each as an <c>OnnxModel</c> entry: a 32-bit length,
    /// then the model's bytes), in entry order.
    /// </summary>
    /// <exception cref="MlNetVisionException">Not a readable zip.</exception>
    internal static IReadOnlyList<byte[]> ReadOnnxModels(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var models = new List<byte[]>();
            foreach (var entry in zip.Entries.Where(e => e.Name == "OnnxModel"))
            {
                using var reader = new BinaryReader(entry.Open());
                int length = reader.ReadInt32();
                var bytes = reader.ReadBytes(length);
                if (bytes.Length != length) throw new InvalidDataException($"{entry.FullName} is truncated");
                models.Add(bytes);
            }
            return models;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException)
        {
            throw new MlNetVisionException($"{path} is not a valid model zip ({e.Message}); the file is corrupt or not a model.", e);
        }
    }

    /// <summary>The metadata of a zip, or null for an ML.NET zip without it.</summary>
    /// <exception cref="MlNetVisionException">Not a zip, or unreadable metadata.</exception>
    public static ModelZipMetadata? ReadMetadata(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.GetEntry(MetadataEntry);
            if (entry is null) return null;
            using var stream = entry.Open();
            return JsonSerializer.Deserialize<ModelZipMetadata>(stream, JsonDefaults.Options)
                ?? throw new MlNetVisionException($"{path}: {MetadataEntry} is empty.");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or NotSupportedException)
        {
            throw new MlNetVisionException($"{path} is not a valid model zip ({e.Message}); the file is corrupt or not a model.", e);
        }
    }
}

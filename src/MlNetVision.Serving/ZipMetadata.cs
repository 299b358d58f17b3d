using System.IO.Compression;
using System.Text.Json;

namespace MlNetVision.Serving;

/// <summary>The zip's <c>MlNetVision/metadata.json</c> entry (ML.NET itself ignores it).</summary>
/// <param name="SchemaVersion">The zip contract's version; this app serves version 2.</param>
/// <param name="Experiment">The experiment that trained the model.</param>
/// <param name="Model">The network's name.</param>
/// <param name="Classes">Class names, in the order of the <c>Score</c> vector.</param>
/// <param name="PipelineImageSize">Side the zip resizes input images to.</param>
/// <param name="CreatedAt">When the zip was written.</param>
public sealed record ZipMetadata(int SchemaVersion, string Experiment, string Model, string[] Classes, int PipelineImageSize, DateTimeOffset CreatedAt)
{
    /// <summary>The entry's name inside the zip.</summary>
    public const string Entry = "MlNetVision/metadata.json";

    /// <summary>The contract version this app serves.</summary>
    public const int SupportedSchemaVersion = 2;

    /// <summary>Reads the entry from <paramref name="zip"/>; anything missing or unreadable is a <see cref="StartupException"/>.</summary>
    public static ZipMetadata Read(string zip)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            var entry = archive.GetEntry(Entry) ?? throw new StartupException($"{zip}: not an MlNetVision model zip (no {Entry})");
            using var stream = entry.Open();
            var metadata = JsonSerializer.Deserialize<ZipMetadata>(stream, JsonSerializerOptions.Web)
                ?? throw new StartupException($"{zip}: {Entry} is empty");
            if (metadata.SchemaVersion != SupportedSchemaVersion)
                throw new StartupException($"{zip}: schemaVersion {metadata.SchemaVersion}, this app serves version {SupportedSchemaVersion} zips");
            if (metadata.Classes is not { Length: > 0 }) throw new StartupException($"{zip}: {Entry} lists no classes");
            return metadata;
        }
        catch (InvalidDataException e)
        {
            throw new StartupException($"{zip}: not a valid zip file ({e.Message})", e);
        }
        catch (JsonException e)
        {
            throw new StartupException($"{zip}: {Entry} is not valid JSON ({e.Message})", e);
        }
    }
}

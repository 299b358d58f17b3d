using System.Text.Json;
using MlNetVision.Infrastructure;

namespace MlNetVision.Suite.Reporting;

/// <summary>Writes and reads <see cref="RunReport"/> JSON (camelCase, enums as strings), atomically.</summary>
public static class ReportJson
{
    /// <summary>The serializer settings (the core library's, shared with the model zip's metadata).</summary>
    public static JsonSerializerOptions Options => JsonDefaults.Options;

    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(RunReport report, string path) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, Options) + "\n");

    /// <summary>Reads a report, checking its schema version.</summary>
    /// <exception cref="MlNetVisionException">Not a report, or a schema version this build does not know.</exception>
    public static RunReport Read(string path)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new MlNetVisionException($"{path} is not valid JSON: {e.Message}", e); }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
                throw new MlNetVisionException($"{path} is not an MlNetVision report (no schemaVersion).");
            if (version.GetInt32() != RunReport.CurrentSchemaVersion)
                throw new MlNetVisionException($"{path} has report schemaVersion {version.GetInt32()}; this build reads version {RunReport.CurrentSchemaVersion}.");
            return document.RootElement.Deserialize<RunReport>(Options)
                ?? throw new MlNetVisionException($"{path} is an empty report.");
        }
    }
}

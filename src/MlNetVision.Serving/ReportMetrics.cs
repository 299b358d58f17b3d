using System.Text.Json;

namespace MlNetVision.Serving;

/// <summary>The test metrics of the <c>report.json</c> written beside a zip by the run that trained it.</summary>
/// <param name="Accuracy">The report's <c>metrics.accuracy</c>.</param>
/// <param name="MacroF1">The report's <c>metrics.macroF1</c>, when present.</param>
public sealed record ReportMetrics(double Accuracy, double? MacroF1)
{
    /// <summary>Reads <c>report.json</c> beside <paramref name="zip"/>; null when there is none or it has no <c>metrics.accuracy</c>.</summary>
    public static ReportMetrics? ReadBeside(string zip)
    {
        var path = Path.Combine(Path.GetDirectoryName(zip) ?? ".", "report.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object
                || !metrics.TryGetProperty("accuracy", out var accuracy) || accuracy.ValueKind != JsonValueKind.Number) return null;
            double? macroF1 = metrics.TryGetProperty("macroF1", out var f1) && f1.ValueKind == JsonValueKind.Number ? f1.GetDouble() : null;
            return new ReportMetrics(accuracy.GetDouble(), macroF1);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// The parts of a task id: a field a task varies and its value as <c>label-value</c>, e.g. <c>seed-2</c>, <c>lr-0.5</c>,
/// <c>batch-512</c>, <c>warmup-fraction-0.1</c>; lower-case letters, digits, '.', '-'.
/// </summary>
public static class SweepTaskId
{
    /// <summary>The longest id accepted (it names a folder).</summary>
    public const int MaxLength = 200;

    /// <summary>Short labels of common fields; any other field is its name in kebab case.</summary>
    private static readonly Dictionary<string, string> Short = new()
    {
        ["recipe.learningRate"] = "lr", ["recipe.batchSize"] = "batch", ["recipe.weightDecay"] = "wd", ["recipe.labelSmoothing"] = "ls",
        ["imageSize"] = "size", ["limitTrain"] = "train", ["limitTest"] = "test",
    };

    /// <summary>The id part of <paramref name="field"/> (<c>seed</c>, <c>recipe.learningRate</c>, …) set to <paramref name="value"/>.</summary>
    public static string Part(string field, JsonNode? value) => $"{Label(field)}-{Value(field, value)}";

    /// <summary>The label of <paramref name="field"/>: a short one (<c>lr</c>, <c>batch</c>, …) or the field's name in kebab case.</summary>
    public static string Label(string field)
    {
        if (Short.TryGetValue(field, out var label)) return label;
        var name = field.StartsWith("recipe.", StringComparison.Ordinal) ? field["recipe.".Length..] : field;
        var s = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && s.Length > 0) s.Append('-');
            s.Append(char.ToLowerInvariant(c));
        }
        return Clean(s.ToString());
    }

    /// <summary>A value as an id part: numbers in invariant form (<c>0.001</c>), strings cleaned (<c>data</c>: the folder's name).</summary>
    public static string Value(string field, JsonNode? value)
    {
        if (value is null) return "null";
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            return v.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture) : v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
        {
            var text = s.GetValue<string>();
            if (field == "data") text = Path.GetFileName(text.TrimEnd('/', '\\'));
            var cleaned = Clean(text.ToLowerInvariant());
            return cleaned.Length == 0 ? "empty" : cleaned;
        }
        var raw = Clean(value.ToJsonString().ToLowerInvariant());
        return raw.Length == 0 ? "empty" : raw;
    }

    /// <summary>Runs of characters other than <c>[a-z0-9.]</c> as one '-', none at the ends.</summary>
    private static string Clean(string text)
    {
        var s = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '.') s.Append(c);
            else if (s.Length > 0 && s[^1] != '-') s.Append('-');
        }
        return s.ToString().Trim('-');
    }
}

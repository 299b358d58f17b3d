using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Files;

/// <summary>
/// Reads an experiment file (<c>run FILE.json</c>): a base experiment (<c>extends</c>) with overrides of its recipe
/// (<see cref="TorchImageClassifierOptions"/> fields by their camelCase names under <c>recipe</c>), the data folder, the image
/// size and the seeds. Every problem is one <see cref="MlNetVisionException"/> line naming the file, the JSON path and the fix.
/// </summary>
public static class ExperimentFileReader
{
    /// <summary>The top-level fields of a file.</summary>
    public static readonly IReadOnlyList<string> TopLevelFields =
        ["$schema", "extends", "name", "description", "data", "imageSize", "seeds", "limitTrain", "limitTest", "recipe"];

    /// <summary>Option properties that are not part of a recipe a file may change (columns; the seed is the file's <c>seeds</c>).</summary>
    private static readonly HashSet<string> NotInRecipe = ["LabelColumnName", "FeatureColumnName", "Seed"];

    /// <summary>The recipe fields: every serialised property of the trainer options but the columns and the seed, by camelCase name.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> RecipeFields { get; } = typeof(TorchImageClassifierOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null && !NotInRecipe.Contains(p.Name))
        .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p);

    /// <summary>True when <paramref name="argument"/> of <c>run</c> names an experiment file rather than an experiment.</summary>
    public static bool IsFile(string argument) => argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and checks <paramref name="path"/>; returns the experiment and the run settings it sets.</summary>
    /// <exception cref="MlNetVisionException">The file is missing, malformed or has a bad field.</exception>
    public static ExperimentFile Read(string path)
    {
        if (!File.Exists(path)) throw new MlNetVisionException($"{path}: experiment file not found.");
        var bytes = File.ReadAllBytes(path);
        var sha = System.Convert.ToHexStringLower(SHA256.HashData(bytes));
        JsonDocument document;
        try { document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:")[0].TrimEnd();
            throw new MlNetVisionException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: malformed JSON: {reason}");
        }
        using (document) return Parse(path, sha, document.RootElement, (at, problem) => new MlNetVisionException($"{path}: {at}: {problem}"));
    }

    /// <summary>
    /// Checks an experiment file given as its bytes, as <see cref="Read"/> does, for a file that is (or will be) at
    /// <paramref name="path"/> (a sweep's task); every problem is made by <paramref name="error"/> from the JSON path and the
    /// problem, so the caller can name where the value came from.
    /// </summary>
    /// <exception cref="MlNetVisionException">A bad field (made by <paramref name="error"/>).</exception>
    public static ExperimentFile Parse(string path, byte[] json, Func<string, string, MlNetVisionException> error)
    {
        var sha = System.Convert.ToHexStringLower(SHA256.HashData(json));
        using var document = JsonDocument.Parse(json);
        return Parse(path, sha, document.RootElement, error);
    }

    private static ExperimentFile Parse(string path, string sha, JsonElement root, Func<string, string, MlNetVisionException> Error)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Error("$", $"expected an object, got {Describe(root)}.");
        CheckFields(root, "$", TopLevelFields, Error);
        if (!root.TryGetProperty("extends", out var extendsElement)) throw Error("$", "missing 'extends': the base experiment (see 'list').");
        var extends = String(extendsElement, "$.extends", Error);
        if (!ExperimentCatalog.Names.Contains(extends))
            throw Error("$.extends", $"unknown experiment '{extends}'.{NameSuggestion.DidYouMean(extends, ExperimentCatalog.Names)}");
        var baseExperiment = ExperimentCatalog.Get(extends);

        var name = root.TryGetProperty("name", out var n) ? String(n, "$.name", Error) : Path.GetFileNameWithoutExtension(path);
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw Error("$.name", $"'{name}' is not a valid experiment name (letters, digits, '-', '_', '.').");
        bool changesRecipe = root.TryGetProperty("recipe", out var r) && (r.ValueKind != JsonValueKind.Object || r.EnumerateObject().Any());
        // the catalog experiment itself (a sweep's task that varies only the seed, data or limits) keeps its name and reference
        bool isBase = name == extends && !changesRecipe;
        var description = root.TryGetProperty("description", out var d) ? String(d, "$.description", Error) : $"{extends} with the overrides of {Path.GetFileName(path)}";

        var settings = new RunSettings();
        if (root.TryGetProperty("data", out var data))
        {
            var folder = String(data, "$.data", Error);
            if (folder.StartsWith("~/", StringComparison.Ordinal)) folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), folder[2..]);
            settings = settings with { Data = Path.GetFullPath(folder, Path.GetDirectoryName(Path.GetFullPath(path))!) };
        }
        if (root.TryGetProperty("imageSize", out var size)) settings = settings with { ImageSize = Positive(size, "$.imageSize", Error) };
        if (root.TryGetProperty("limitTrain", out var lt)) settings = settings with { LimitTrain = Positive(lt, "$.limitTrain", Error) };
        if (root.TryGetProperty("limitTest", out var le)) settings = settings with { LimitTest = Positive(le, "$.limitTest", Error) };
        if (root.TryGetProperty("seeds", out var seeds))
        {
            if (seeds.ValueKind != JsonValueKind.Array || seeds.GetArrayLength() == 0) throw Error("$.seeds", $"expected a non-empty array of integers, got {Describe(seeds)}.");
            var list = seeds.EnumerateArray().Select((s, i) => Integer(s, $"$.seeds[{i}]", Error)).ToList();
            if (list.Where((s, i) => s != list[0] + i).Any())
                throw Error("$.seeds", $"the seeds must be consecutive and ascending, as --seed S --seeds N runs them (got [{string.Join(", ", list)}]).");
            settings = settings with { Seed = list[0], Seeds = list.Count > 1 ? list.Count : null };
        }

        var trainer = baseExperiment.Trainer with { };
        var overrides = new List<string>();
        if (root.TryGetProperty("recipe", out var recipe))
        {
            if (recipe.ValueKind != JsonValueKind.Object) throw Error("$.recipe", $"expected an object, got {Describe(recipe)}.");
            CheckFields(recipe, "$.recipe", RecipeFields.Keys, Error);
            foreach (var field in recipe.EnumerateObject())
            {
                var property = RecipeFields[field.Name];
                var at = $"$.recipe.{field.Name}";
                var value = Convert(field.Value, property.PropertyType, at, Error);
                if (property.Name == nameof(TorchImageClassifierOptions.Augmentation) && value is "none") value = "";
                property.SetValue(trainer, value);
                overrides.Add($"{field.Name}={field.Value.GetRawText()}");
                // the model's input size is --input-size on the command line; without it there, --image-size (or the
                // file's imageSize) would reset it to the pipeline's size
                if (property.Name == nameof(TorchImageClassifierOptions.ImageSize) && trainer.ImageSize > 0) settings = settings with { InputSize = trainer.ImageSize };
            }
            try { trainer.Validate(); }
            catch (ArgumentException e)
            {
                var culprit = recipe.EnumerateObject().Select(p => p.Name).FirstOrDefault(f => e.Message.StartsWith(RecipeFields[f].Name, StringComparison.Ordinal))
                              ?? recipe.EnumerateObject().Select(p => p.Name).FirstOrDefault(f => e.Message.Contains(RecipeFields[f].Name, StringComparison.OrdinalIgnoreCase));
                throw Error(culprit is null ? "$.recipe" : $"$.recipe.{culprit}", $"bad value: {e.Message}");
            }
        }

        if (ExperimentCatalog.Names.Contains(name) && !isBase)
            throw Error("$.name", $"'{name}' is a built-in experiment; give the file's experiment a name of its own.");
        var experiment = isBase
            ? baseExperiment with { Description = d.ValueKind == JsonValueKind.String ? description : baseExperiment.Description, SourceFile = Path.GetFullPath(path), SourceSha256 = sha }
            : baseExperiment with
            {
                Name = name, Description = description, Trainer = trainer, PublishedAccuracy = null, PublishedMacroF1 = null,
                SourceFile = Path.GetFullPath(path), SourceSha256 = sha,
            };
        return new ExperimentFile(Path.GetFullPath(path), sha, extends, experiment, settings, overrides);
    }

    private static void CheckFields(JsonElement element, string at, IEnumerable<string> valid, Func<string, string, MlNetVisionException> error)
    {
        var seen = new HashSet<string>();
        foreach (var property in element.EnumerateObject())
        {
            if (!valid.Contains(property.Name))
                throw error($"{at}.{property.Name}", $"unknown field '{property.Name}'.{NameSuggestion.DidYouMean(property.Name, valid)}");
            if (!seen.Add(property.Name)) throw error($"{at}.{property.Name}", $"'{property.Name}' is given twice.");
        }
    }

    private static object? Convert(JsonElement value, Type type, string at, Func<string, string, MlNetVisionException> error)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (value.ValueKind == JsonValueKind.Null && (underlying != type || !type.IsValueType)) return null;
        if (underlying == typeof(int)) return Integer(value, at, error);
        if (underlying == typeof(double))
            return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw error(at, $"expected a number, got {Describe(value)}.");
        if (underlying == typeof(bool))
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw error(at, $"expected true or false, got {Describe(value)}.");
        if (underlying == typeof(string)) return String(value, at, error);
        if (underlying == typeof(float[]))
        {
            if (value.ValueKind != JsonValueKind.Array) throw error(at, $"expected an array of numbers, got {Describe(value)}.");
            return value.EnumerateArray().Select((v, i) => v.ValueKind == JsonValueKind.Number ? v.GetSingle() : throw error($"{at}[{i}]", $"expected a number, got {Describe(v)}.")).ToArray();
        }
        if (underlying.IsEnum)
        {
            var names = EnumNames(underlying);
            var text = String(value, at, error);
            var match = names.FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase))
                        ?? throw error(at, $"unknown value '{text}'.{NameSuggestion.DidYouMean(text, names)} Values: {string.Join(", ", names)}.");
            return Enum.Parse(underlying, match, ignoreCase: true);
        }
        throw new InvalidOperationException($"{at}: no reader for {type}.");
    }

    /// <summary>An enum's values as files (and report.json) write them: camelCase.</summary>
    public static IReadOnlyList<string> EnumNames(Type type) => Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToList();

    private static string String(JsonElement value, string at, Func<string, string, MlNetVisionException> error) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw error(at, $"expected a string, got {Describe(value)}.");

    private static int Integer(JsonElement value, string at, Func<string, string, MlNetVisionException> error) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : throw error(at, $"expected an integer, got {Describe(value)}.");

    private static int Positive(JsonElement value, string at, Func<string, string, MlNetVisionException> error)
    {
        int i = Integer(value, at, error);
        return i >= 1 ? i : throw error(at, $"bad value: must be at least 1 (got {i}).");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {value.GetRawText()}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlNetVision.Experiments.Files;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>
/// Reads a sweep file: a <c>base</c> (an experiment file's fields, with one <c>seed</c>), a <c>grid</c> of values per field
/// (cartesian product, keys in file order, the last varying fastest) and/or a list of overrides (<c>tasks</c>), expanded to
/// tasks: every list item (or one empty item) × every grid point (or one empty point), base ← item ← point, <c>recipe</c>
/// merged field by field. Each task is built as an experiment file and checked by <see cref="ExperimentFileReader"/>; every
/// problem is one <see cref="MlNetVisionException"/> line naming the sweep file, the task and the JSON path in the sweep file.
/// </summary>
public static partial class SweepFileReader
{
    /// <summary>The top-level fields of a sweep file.</summary>
    public static readonly IReadOnlyList<string> TopLevelFields = ["$schema", "name", "description", "output", "base", "grid", "tasks"];

    /// <summary>The fields of a task (in <c>base</c>, a list item, and as grid keys with <c>recipe.&lt;field&gt;</c>).</summary>
    public static readonly IReadOnlyList<string> TaskFields = ["extends", "name", "description", "data", "imageSize", "limitTrain", "limitTest", "seed", "recipe"];

    /// <summary>The most tasks a sweep may expand to.</summary>
    public const int MaxTasks = 10_000;

    /// <summary>True when <paramref name="path"/> holds a JSON object with a sweep's own fields (<c>base</c>, <c>grid</c> or <c>tasks</c>), not an experiment file's.</summary>
    public static bool LooksLikeSweep(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().Any(p => p.Name is "base" or "grid" or "tasks");
        }
        catch (JsonException) { return false; }
    }

    /// <summary>Reads, checks and expands <paramref name="path"/>.</summary>
    /// <exception cref="MlNetVisionException">The file is missing, malformed, has a bad field, or two tasks share an id.</exception>
    public static SweepFile Read(string path)
    {
        if (!File.Exists(path)) throw new MlNetVisionException($"{path}: sweep file not found.");
        var full = Path.GetFullPath(path);
        var bytes = File.ReadAllBytes(full);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        JsonNode root;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            CheckDuplicates(document.RootElement, "$", (at, problem) => new MlNetVisionException($"{path}: {at}: {problem}"));
            root = JsonNode.Parse(document.RootElement.GetRawText())!;
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:")[0].TrimEnd();
            throw new MlNetVisionException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: malformed JSON: {reason}");
        }
        return Parse(path, full, sha, root);
    }

    private static SweepFile Parse(string shown, string path, string sha, JsonNode root)
    {
        MlNetVisionException Error(string at, string problem) => new($"{shown}: {at}: {problem}");
        if (root is not JsonObject top) throw Error("$", $"expected an object, got {Describe(root)}.");
        CheckFields(top, "$", TopLevelFields, Error);
        if (!top.TryGetPropertyValue("name", out var nameNode)) throw Error("$", "missing 'name': the sweep's name (lower-case letters, digits, '-').");
        var name = String(nameNode, "$.name", Error);
        if (!SweepName().IsMatch(name)) throw Error("$.name", $"'{name}' is not a valid sweep name (lower-case letters, digits, '-').");
        var description = top.TryGetPropertyValue("description", out var d) ? String(d, "$.description", Error) : "";
        var output = top.TryGetPropertyValue("output", out var o)
            ? Path.GetFullPath(String(o, "$.output", Error))
            : Path.Combine(RunFolder.ArtifactsRoot(), "sweeps", name);

        var baseFields = top.TryGetPropertyValue("base", out var b) ? TaskObject(b, "$.base", Error) : new JsonObject();
        var items = new List<JsonObject>();
        if (top.TryGetPropertyValue("tasks", out var list))
        {
            if (list is not JsonArray array || array.Count == 0) throw Error("$.tasks", $"expected a non-empty array of task overrides, got {Describe(list)}.");
            items.AddRange(array.Select((item, i) => TaskObject(item, $"$.tasks[{i}]", Error)));
        }
        else items.Add(new JsonObject());
        var grid = new List<(string Key, JsonArray Values)>();
        if (top.TryGetPropertyValue("grid", out var g))
        {
            if (g is not JsonObject gridObject) throw Error("$.grid", $"expected an object of field: [values], got {Describe(g)}.");
            foreach (var (key, values) in gridObject)
            {
                var at = GridPath(key);
                CheckGridKey(key, at, Error);
                if (values is not JsonArray valueList || valueList.Count == 0) throw Error(at, $"expected a non-empty array of values, got {Describe(values)}.");
                grid.Add((key, valueList));
            }
        }
        long count = items.Count * grid.Aggregate(1L, (n, k) => n * k.Values.Count);
        if (count > MaxTasks) throw Error("$", $"the sweep expands to {count:N0} tasks; at most {MaxTasks:N0}.");

        var tasks = new List<SweepTask>();
        var folder = Path.GetDirectoryName(path)!;
        var ids = new Dictionary<string, int>();
        for (int i = 0; i < items.Count; i++)
            foreach (var point in Points(grid))
            {
                var task = Expand(shown, folder, output, tasks.Count, baseFields, items[i], top.ContainsKey("tasks") ? i : null, grid, point);
                if (ids.TryGetValue(task.Id, out var other))
                    throw Error("$", $"tasks {other} and {task.Index} both have the id '{task.Id}': give the list items a 'name', or vary something else.");
                ids[task.Id] = task.Index;
                tasks.Add(task);
            }
        return new SweepFile(path, sha, name, description, output, tasks);
    }

    /// <summary>The grid points: one index into each key's values, the last key varying fastest.</summary>
    private static IEnumerable<int[]> Points(List<(string Key, JsonArray Values)> grid)
    {
        var point = new int[grid.Count];
        while (true)
        {
            yield return (int[])point.Clone();
            int k = grid.Count - 1;
            while (k >= 0 && ++point[k] == grid[k].Values.Count) point[k--] = 0;
            if (k < 0) yield break;
        }
    }

    private static SweepTask Expand(string shown, string sweepFolder, string output, int index, JsonObject baseFields, JsonObject item, int? itemIndex,
        List<(string Key, JsonArray Values)> grid, int[] point)
    {
        // the merged fields, and where in the sweep file each came from (for errors)
        var merged = new JsonObject();
        var recipe = new JsonObject();
        var sources = new Dictionary<string, string>();
        var overrides = new List<string>();
        void Set(string field, JsonNode? value, string at)
        {
            if (field.StartsWith("recipe.", StringComparison.Ordinal))
            {
                recipe[field["recipe.".Length..]] = value?.DeepClone();
                sources[$"$.{field}"] = at;
            }
            else
            {
                merged[field] = value?.DeepClone();
                sources[field == "seed" ? "$.seeds" : $"$.{field}"] = at;
            }
        }
        void SetAll(JsonObject fields, string at, bool listOverrides)
        {
            foreach (var (field, value) in fields)
                if (field == "recipe")
                    foreach (var (recipeField, recipeValue) in value!.AsObject())
                    {
                        Set($"recipe.{recipeField}", recipeValue, $"{at}.recipe.{recipeField}");
                        if (listOverrides) overrides.Add($"recipe.{recipeField}={recipeValue?.ToJsonString() ?? "null"}");
                    }
                else
                {
                    Set(field, value, $"{at}.{field}");
                    if (listOverrides) overrides.Add($"{field}={value?.ToJsonString() ?? "null"}");
                }
        }
        SetAll(baseFields, "$.base", listOverrides: false);
        var itemAt = itemIndex is { } i ? $"$.tasks[{i}]" : "$";
        SetAll(item, itemAt, listOverrides: true);
        for (int k = 0; k < grid.Count; k++)
        {
            var value = grid[k].Values[point[k]];
            Set(grid[k].Key, value, $"{GridPath(grid[k].Key)}[{point[k]}]");
            overrides.Add($"{grid[k].Key}={value?.ToJsonString() ?? "null"}");
        }

        // the id: the most specific name (or base experiment), then each value the task varies; the experiment's name leaves out the seed
        string? NameFrom(JsonObject fields, string field) => fields.TryGetPropertyValue(field, out var v) && v is JsonValue s && s.TryGetValue<string>(out var text) ? text : null;
        var gridNames = grid.Select((k, n) => (k.Key, Value: k.Values[point[n]])).ToList();
        string? GridName(string field) => gridNames.Where(x => x.Key == field).Select(x => x.Value is JsonValue s && s.TryGetValue<string>(out var t) ? t : null).FirstOrDefault();
        var namePart = GridName("name") ?? NameFrom(item, "name") ?? GridName("extends") ?? NameFrom(item, "extends") ?? NameFrom(baseFields, "name") ?? NameFrom(baseFields, "extends") ?? "task";
        var parts = new List<(string Field, string Part)>();
        if (!item.ContainsKey("name"))
            foreach (var (field, value) in item)
                if (field == "recipe") parts.AddRange(value!.AsObject().Select(r => ($"recipe.{r.Key}", SweepTaskId.Part($"recipe.{r.Key}", r.Value))));
                else if (field is not ("extends" or "name" or "description")) parts.Add((field, SweepTaskId.Part(field, value)));
        foreach (var (key, value) in gridNames)
            if (key is not ("extends" or "name" or "description")) parts.Add((key, SweepTaskId.Part(key, value)));
        var id = string.Join(".", parts.Select(p => p.Part).Prepend(namePart));
        var experimentName = string.Join(".", parts.Where(p => p.Field != "seed").Select(p => p.Part).Prepend(namePart));
        var taskLabel = $"{shown}: task {index} ({id})";
        if (id.StartsWith('.') || id.Length > SweepTaskId.MaxLength)
            throw new MlNetVisionException($"{taskLabel}: $: the id is not a usable folder name (at most {SweepTaskId.MaxLength} characters, not starting with '.'): give the task a shorter 'name'.");

        if (recipe.Count > 0) merged["recipe"] = recipe;
        var definition = merged.ToJsonString();

        // the task as an experiment file
        var file = new JsonObject();
        if (merged["extends"] is { } extends) file["extends"] = extends.DeepClone();
        file["name"] = experimentName;
        if (merged["description"] is { } description) file["description"] = description.DeepClone();
        if (merged["data"] is JsonValue data && data.TryGetValue<string>(out var dataFolder))
        {
            if (dataFolder.StartsWith("~/", StringComparison.Ordinal)) dataFolder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), dataFolder[2..]);
            file["data"] = Path.GetFullPath(dataFolder, sweepFolder);
        }
        else if (merged["data"] is { } otherData) file["data"] = otherData.DeepClone();
        foreach (var field in new[] { "imageSize", "limitTrain", "limitTest" })
            if (merged.TryGetPropertyValue(field, out var value)) file[field] = value?.DeepClone();
        if (merged.TryGetPropertyValue("seed", out var seed)) file["seeds"] = new JsonArray(seed?.DeepClone());
        if (recipe.Count > 0) file["recipe"] = recipe.DeepClone();
        var json = file.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        bool named = merged.ContainsKey("name");
        MlNetVisionException TaskError(string at, string problem)
        {
            var source = sources.Where(s => at == s.Key || at.StartsWith(s.Key + "[", StringComparison.Ordinal) || at.StartsWith(s.Key + ".", StringComparison.Ordinal))
                .OrderByDescending(s => s.Key.Length).Select(s => s.Value + at[s.Key.Length..]).FirstOrDefault();
            if (at.StartsWith("$.seeds", StringComparison.Ordinal) && sources.TryGetValue("$.seeds", out var seedAt)) source = seedAt;
            if (at == "$.name" && !named)
                return new MlNetVisionException($"{taskLabel}: {itemAt}: the task changes the recipe of the built-in experiment '{experimentName}': " +
                                                "give it a 'name' of its own (in 'base' or its list item).");
            return new MlNetVisionException($"{taskLabel}: {source ?? (at == "$" ? itemAt : $"{at} (of the task's experiment file)")}: {problem}");
        }
        var experimentPath = Path.Combine(output, "tasks", id, SweepTask.ExperimentFileName);
        var experiment = ExperimentFileReader.Parse(experimentPath, Encoding.UTF8.GetBytes(json), TaskError);
        return new SweepTask(index, id, overrides, definition, json, experiment);
    }

    private static JsonObject TaskObject(JsonNode? node, string at, Func<string, string, MlNetVisionException> error)
    {
        if (node is not JsonObject fields) throw error(at, $"expected an object of experiment fields, got {Describe(node)}.");
        foreach (var (field, value) in fields)
        {
            if (field == "seeds") throw error($"{at}.seeds", "a task runs one seed: set 'seed', or vary it with \"grid\": { \"seed\": [0, 1, 2] }.");
            if (!TaskFields.Contains(field)) throw error($"{at}.{field}", $"unknown field '{field}'.{NameSuggestion.DidYouMean(field, TaskFields)}");
            if (field == "recipe" && value is not JsonObject) throw error($"{at}.recipe", $"expected an object, got {Describe(value)}.");
        }
        return fields;
    }

    private static void CheckGridKey(string key, string at, Func<string, string, MlNetVisionException> error)
    {
        if (key.StartsWith("recipe.", StringComparison.Ordinal))
        {
            var field = key["recipe.".Length..];
            if (!ExperimentFileReader.RecipeFields.ContainsKey(field))
                throw error(at, $"unknown recipe field '{field}'.{NameSuggestion.DidYouMean(field, ExperimentFileReader.RecipeFields.Keys)}");
            return;
        }
        if (key == "seeds") throw error(at, "a task runs one seed: vary \"seed\": [0, 1, 2].");
        if (key == "recipe") throw error(at, "vary recipe fields one by one: \"recipe.learningRate\": [0.5, 1.0].");
        var valid = TaskFields.Where(f => f != "recipe").ToList();
        if (!valid.Contains(key))
            throw error(at, $"unknown field '{key}'.{NameSuggestion.DidYouMean(key, valid.Concat(ExperimentFileReader.RecipeFields.Keys.Select(k => $"recipe.{k}")))}");
    }

    private static string GridPath(string key) => key.Contains('.') ? $"$.grid['{key}']" : $"$.grid.{key}";

    private static void CheckFields(JsonObject node, string at, IEnumerable<string> valid, Func<string, string, MlNetVisionException> error)
    {
        foreach (var (field, _) in node)
            if (!valid.Contains(field))
                throw error($"{at}.{field}", field == "seeds" ? "a task runs one seed: vary it with \"grid\": { \"seed\": [0, 1, 2] }." : $"unknown field '{field}'.{NameSuggestion.DidYouMean(field, valid)}");
    }

    private static void CheckDuplicates(JsonElement element, string at, Func<string, string, MlNetVisionException> error)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>();
            foreach (var property in element.EnumerateObject())
            {
                var path = property.Name.Contains('.') ? $"{at}['{property.Name}']" : $"{at}.{property.Name}";
                if (!seen.Add(property.Name)) throw error(path, $"'{property.Name}' is given twice.");
                CheckDuplicates(property.Value, path, error);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray()) CheckDuplicates(item, $"{at}[{i++}]", error);
        }
    }

    private static string String(JsonNode? value, string at, Func<string, string, MlNetVisionException> error) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw error(at, $"expected a string, got {Describe(value)}.");

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"the string {v.ToJsonString()}",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => $"the number {v.ToJsonString()}",
        _ => value.ToJsonString(),
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex SweepName();
}

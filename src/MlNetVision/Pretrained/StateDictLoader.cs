using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Pretrained;

/// <summary>
/// Copies a checkpoint into a module strictly: every tensor of the module must come from the checkpoint with
/// the same shape and every checkpoint tensor must be used, else the error names each missing, unexpected
/// and mis-shaped tensor. Two differences are deliberate and only noted: the classifier head (keys under
/// a head prefix) is replaced when its shape differs or it is absent, as when fine-tuning ImageNet weights
/// for 10 classes; and a missing <c>num_batches_tracked</c> counter starts at 0, as in PyTorch.
/// </summary>
internal static class StateDictLoader
{
    private const string BatchCounter = "num_batches_tracked";

    /// <summary>Loads <paramref name="checkpoint"/> into <paramref name="module"/>.</summary>
    /// <param name="module">The module whose state dict receives the values.</param>
    /// <param name="checkpoint">Name → tensor, in the module's naming.</param>
    /// <param name="headPrefixes">Key prefixes of the replaceable classifier head (empty: none).</param>
    /// <param name="source">The checkpoint's name for messages (a path or a description).</param>
    /// <param name="allowMissing">Keys that may be absent (keeping the module's values), e.g. tensors a model zip's graph never uses.</param>
    /// <exception cref="CheckpointException">Any other missing, unexpected or mis-shaped tensor.</exception>
    public static StateDictLoadResult Load(nn.Module module, IReadOnlyDictionary<string, Tensor> checkpoint, IReadOnlyList<string> headPrefixes, string source,
        IReadOnlyCollection<string>? allowMissing = null)
    {
        var target = module.state_dict();
        bool IsHead(string key) => headPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));
        var missing = new List<string>();
        var misShaped = new List<string>();
        var replacedHead = new List<string>();
        var counters = 0;
        foreach (var (key, tensor) in target.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!checkpoint.TryGetValue(key, out var value))
            {
                if (IsHead(key)) replacedHead.Add($"{key} (new, {Shape(tensor)})");
                else if (key.EndsWith("." + BatchCounter, StringComparison.Ordinal)) counters++;
                else if (allowMissing?.Contains(key) == true) continue;
                else missing.Add($"{key} {Shape(tensor)}");
            }
            else if (!value.shape.SequenceEqual(tensor.shape))
            {
                if (IsHead(key)) replacedHead.Add($"{key} (checkpoint {Shape(value)}, model {Shape(tensor)})");
                else misShaped.Add($"{key}: checkpoint {Shape(value)}, model {Shape(tensor)}");
            }
        }
        var unexpected = checkpoint.Keys.Where(k => !target.ContainsKey(k) && !IsHead(k)).Order(StringComparer.Ordinal).ToList();
        var droppedHead = checkpoint.Keys.Where(k => !target.ContainsKey(k) && IsHead(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count + misShaped.Count + unexpected.Count > 0)
            throw new CheckpointException(Describe(source, module, missing, unexpected, misShaped));

        int loaded = 0;
        using (no_grad())
        {
            foreach (var (key, tensor) in target)
            {
                if (!checkpoint.TryGetValue(key, out var value) || !value.shape.SequenceEqual(tensor.shape)) continue;
                tensor.copy_(value);
                loaded++;
            }
        }
        var notes = new List<string>();
        if (replacedHead.Count > 0)
            notes.Add($"classifier head not loaded from {source}, initialised for this model instead: {string.Join(", ", replacedHead)}");
        if (droppedHead.Count > 0)
            notes.Add($"head tensors of {source} dropped: {string.Join(", ", droppedHead)}");
        if (counters > 0)
            notes.Add($"{counters} BatchNorm {BatchCounter} counters absent from {source}, started at 0");
        return new StateDictLoadResult(loaded, notes);
    }

    private static string Describe(string source, nn.Module module, List<string> missing, List<string> unexpected, List<string> misShaped)
    {
        var lines = new List<string> { $"The checkpoint {source} does not fit model {module.GetName()}:" };
        if (missing.Count > 0) lines.Add($"  missing from the checkpoint ({missing.Count}): {string.Join(", ", missing)}");
        if (unexpected.Count > 0) lines.Add($"  unexpected in the checkpoint ({unexpected.Count}): {string.Join(", ", unexpected)}");
        if (misShaped.Count > 0) lines.Add($"  shape differs ({misShaped.Count}): {string.Join("; ", misShaped)}");
        lines.Add("  A checkpoint must use the model's own parameter names (see README, Models).");
        return string.Join(Environment.NewLine, lines);
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}

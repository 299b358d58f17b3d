using System.Globalization;
using MlNetVision.Infrastructure;
using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// An ordered list of batch augmentations read from a spec such as
/// <c>flip,crop:pad=4:mode=reflect,jitter:brightness=0.2,rotate:degrees=15</c> or <c>flip:mode=alternate,crop:pad=2:mode=reflect</c> (ops separated by commas,
/// parameters by colons). Each step's randomness comes from a generator seeded by (seed, step), so a run
/// is reproducible, resumable, and different steps see different draws.
/// </summary>
internal sealed class AugmentationPipeline
{
    private AugmentationPipeline(IReadOnlyList<IBatchAugmentation> steps) => Steps = steps;

    /// <summary>No augmentation.</summary>
    public static AugmentationPipeline None { get; } = new([]);

    /// <summary>The ops in order.</summary>
    public IReadOnlyList<IBatchAugmentation> Steps { get; }

    /// <summary>True when there is nothing to do.</summary>
    public bool IsEmpty => Steps.Count == 0;

    /// <summary>The canonical spec (every parameter spelled out).</summary>
    public string Spec => string.Join(",", Steps.Select(s => s.Spec));

    /// <summary>The op names <see cref="Parse"/> knows.</summary>
    public static readonly IReadOnlyList<string> OpNames = ["flip", "crop", "jitter", "rotate", "randaugment", "cutout"];

    /// <summary>Parses a spec; empty or <c>none</c> gives <see cref="None"/>.</summary>
    /// <exception cref="MlNetVisionException">Unknown op or parameter, or a bad value; the message names it.</exception>
    public static AugmentationPipeline Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec) || spec.Trim() == "none") return None;
        return new(spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseOp).ToList());
    }

    /// <summary>
    /// Augments <paramref name="images"/> with the draws of (<paramref name="seed"/>, <paramref name="step"/>); ops whose draw
    /// belongs to an image (alternating flip) read the batch's training-set <paramref name="rowIndices"/> and 1-based
    /// <paramref name="epoch"/> (with the same seed), and refuse a batch without them.
    /// </summary>
    public Tensor Apply(Tensor images, long seed, long step, Tensor? rowIndices = null, int epoch = 1)
    {
        if (IsEmpty) return images;
        using var generator = new Generator(StepSeed(seed, step), CPU);
        var batchRows = rowIndices is null ? null : new BatchRows(rowIndices, epoch, seed);
        return Steps.Aggregate(images, (x, op) => op.Apply(x, generator, batchRows));
    }

    /// <summary>A well-mixed 64-bit seed for one step (SplitMix64 of the pair).</summary>
    public static ulong StepSeed(long seed, long step)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)step + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFUL;
    }

    private static IBatchAugmentation ParseOp(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        var name = parts[0].ToLowerInvariant();
        var args = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2) throw new MlNetVisionException($"Augmentation '{text}': parameter '{part}' is not key=value.");
            args[kv[0]] = kv[1];
        }
        var reader = new Arguments(text, args);
        IBatchAugmentation op = name switch
        {
            "flip" => new HorizontalFlip(reader.Number("p", 0.5, 0, 1), reader.Choice("mode", "random", "random", "alternate") == "alternate"),
            "crop" => new RandomCrop((int)reader.Number("pad", 4, 0, 1000), reader.Choice("mode", "zero", "zero", "reflect") == "reflect"),
            "jitter" => new ColorJitter(reader.Number("brightness", 0.2, 0, 10), reader.Number("contrast", 0.2, 0, 10), reader.Number("saturation", 0.2, 0, 10)),
            "rotate" => new RandomRotation(reader.Number("degrees", 15, 0, 180), (float)reader.Number("fill", 0, 0, 1)),
            "randaugment" => new RandAugment((int)reader.Number("n", 2, 0, 10), (int)reader.Number("m", 9, 0, 30)),
            "cutout" => new Cutout((int)reader.Number("size", 8, 1, 10000)),
            _ => throw new MlNetVisionException($"Unknown augmentation '{name}'.{NameSuggestion.DidYouMean(name, OpNames)} Known: {string.Join(", ", OpNames)}."),
        };
        reader.RejectUnused();
        return op;
    }

    private sealed class Arguments(string op, Dictionary<string, string> values)
    {
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public double Number(string key, double fallback, double min, double max)
        {
            _used.Add(key);
            if (!values.TryGetValue(key, out var text)) return fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                throw new MlNetVisionException($"Augmentation '{op}': {key}={text} must be a number from {min} to {max}.");
            return value;
        }

        public string Choice(string key, string fallback, params string[] allowed)
        {
            _used.Add(key);
            if (!values.TryGetValue(key, out var text)) return fallback;
            if (!allowed.Contains(text)) throw new MlNetVisionException($"Augmentation '{op}': {key}={text} must be one of {string.Join(", ", allowed)}.");
            return text;
        }

        public void RejectUnused()
        {
            var unknown = values.Keys.Where(k => !_used.Contains(k)).ToList();
            if (unknown.Count > 0)
                throw new MlNetVisionException($"Augmentation '{op}': unknown parameter {string.Join(", ", unknown)}; it takes {string.Join(", ", _used)}.");
        }
    }
}

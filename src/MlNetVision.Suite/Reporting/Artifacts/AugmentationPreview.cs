using MlNetVision.Data;
using MlNetVision.Training;
using MlNetVision.Training.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>
/// Renders <c>augmentation.json</c>: a few training images through the trainer's own batch path (scale to [0, 1] → the
/// recipe's augmentation with the draws of (seed, step) → resize to the model's input), with an identity normalisation so
/// the result is pixels again. View <c>v</c> uses step <c>v</c> and epoch <c>v + 1</c> of the run's seed.
/// </summary>
public static class AugmentationPreview
{
    /// <summary>Training images shown.</summary>
    public const int ImageCount = 6;

    /// <summary>Views per image.</summary>
    public const int ViewCount = 5;

    /// <summary>The preview of <paramref name="train"/> under the augmentation spec <paramref name="augmentation"/> (null or empty: none).</summary>
    /// <param name="train">The training images.</param>
    /// <param name="augmentation">The recipe's augmentation spec.</param>
    /// <param name="seed">The recipe's seed.</param>
    /// <param name="modelImageSize">The side of the images the model sees.</param>
    /// <param name="size">The side of the PNGs.</param>
    public static AugmentationFile Render(ILabeledImages train, string? augmentation, long seed, int modelImageSize, int size = Thumbnails.DefaultSize)
    {
        var pipeline = AugmentationPipeline.Parse(augmentation);
        var rows = Rows(train, ImageCount);
        var subset = train.Subset(rows, "augmentation preview").LoadIntoMemory();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var batches = new TensorBatches(subset, modelImageSize, [0f, 0f, 0f], [1f, 1f, 1f], CPU);
        var indices = arange(rows.Count, ScalarType.Int64);
        var originals = Thumbnails.Encode(batches.Range(0, rows.Count).Inputs, size);
        var views = Enumerable.Range(0, ViewCount)
            .Select(v => Thumbnails.Encode(batches.Batch(indices, pipeline, seed, v, v + 1).Inputs, size))
            .ToList();
        var result = Enumerable.Range(0, rows.Count)
            .Select(r => new AugmentationRow(originals[r], views.Select(v => v[r]).ToList()))
            .ToList();
        return new AugmentationFile(AugmentationFile.CurrentSchemaVersion, size, pipeline.IsEmpty ? AugmentationFile.NoAugmentation : pipeline.Spec, result);
    }

    /// <summary>The training rows shown: the first image of each class in turn (class 0, 1, ..., then each class's second), <paramref name="count"/> at most.</summary>
    public static IReadOnlyList<int> Rows(ILabeledImages train, int count)
    {
        var byClass = Enumerable.Range(0, train.ClassNames.Count).Select(_ => new List<int>()).ToList();
        for (int i = 0; i < train.Count; i++)
            if (byClass[train.Labels[i]].Count < count) byClass[train.Labels[i]].Add(i);
        var rows = new List<int>();
        for (int round = 0; rows.Count < count && byClass.Any(c => c.Count > round); round++)
            rows.AddRange(byClass.Where(c => c.Count > round).Select(c => c[round]).Take(count - rows.Count));
        return rows;
    }
}

namespace MlNetVision.Data;

/// <summary>
/// Subsets and counts of any <see cref="ILabeledImages"/>. An <see cref="ImageSet"/> is copied (it is in memory anyway);
/// any other set gets an index view over it, so a subset of a disk cache stays on disk.
/// </summary>
public static class LabeledImages
{
    /// <summary>Images per class, by class index.</summary>
    public static int[] CountsPerClass(this ILabeledImages images)
    {
        var counts = new int[images.ClassNames.Count];
        foreach (var label in images.Labels) counts[label]++;
        return counts;
    }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public static ILabeledImages Subset(this ILabeledImages images, IReadOnlyList<int> indices, string name) =>
        images is ImageSet set ? set.Select(indices, name) : new LabeledImagesSubset(images, indices.ToArray(), name);

    /// <summary>The first <paramref name="count"/> images (all if fewer).</summary>
    public static ILabeledImages TakeFirst(this ILabeledImages images, int count) =>
        count >= images.Count ? images : images.Subset(Enumerable.Range(0, count).ToArray(), $"{images.Name}[:{count}]");

    /// <summary>A seeded stratified sample of <paramref name="count"/> images (each class keeps its share), original order kept.</summary>
    public static ILabeledImages SampleStratified(this ILabeledImages images, int count, int seed) =>
        count >= images.Count ? images
        : images.Subset(StratifiedSampling.Indices(images.Labels, images.ClassNames.Count, count, seed), $"{images.Name}[stratified {count}, seed {seed}]");

    /// <summary>Splits off a seeded stratified <paramref name="fraction"/> of the images: (the rest, the held-out part).</summary>
    public static (ILabeledImages Kept, ILabeledImages HeldOut) SplitOffStratified(this ILabeledImages images, double fraction, int seed)
    {
        var chosen = StratifiedSampling.Indices(images.Labels, images.ClassNames.Count, (int)Math.Round(images.Count * fraction), seed);
        return (images.Subset(StratifiedSampling.Complement(images.Count, chosen), $"{images.Name}[train]"),
            images.Subset(chosen, $"{images.Name}[validation]"));
    }

    /// <summary>Every image read into memory (an <see cref="ImageSet"/> stays as it is).</summary>
    public static ImageSet LoadIntoMemory(this ILabeledImages images)
    {
        if (images is ImageSet set) return set;
        long bytes = (long)images.Count * 3 * images.Height * images.Width;
        if (bytes > Array.MaxLength)
            throw new Infrastructure.MlNetVisionException($"{images.Name}: {bytes / 1e9:0.0} GB of pixels do not fit in one array; train from the disk cache instead.");
        var pixels = new byte[bytes];
        const int Chunk = 1024;
        int imageBytes = 3 * images.Height * images.Width;
        for (int start = 0; start < images.Count; start += Chunk)
        {
            int n = Math.Min(Chunk, images.Count - start);
            images.CopyImages(Enumerable.Range(start, n).ToArray(), pixels.AsSpan(start * imageBytes, n * imageBytes));
        }
        return new ImageSet(images.Name, pixels, images.Labels.ToArray(), images.ClassNames, images.Height, images.Width);
    }
}

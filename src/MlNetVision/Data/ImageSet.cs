namespace MlNetVision.Data;

/// <summary>
/// Decoded images held in memory: <see cref="Pixels"/> stores image <c>i</c> at
/// <c>[i * 3 * H * W, (i + 1) * 3 * H * W)</c> as planes R, G, B, each row-major; <see cref="Labels"/>
/// holds class indices into <see cref="ClassNames"/>.
/// </summary>
public sealed class ImageSet
{
    /// <summary>Creates a set, checking that the arrays agree.</summary>
    public ImageSet(string name, byte[] pixels, byte[] labels, IReadOnlyList<string> classNames, int height, int width)
    {
        if (pixels.Length != labels.Length * 3 * height * width)
            throw new ArgumentException($"{name}: {pixels.Length} pixel bytes do not hold {labels.Length} images of 3x{height}x{width}.");
        if (labels.Any(l => l >= classNames.Count))
            throw new ArgumentException($"{name}: a label is outside the {classNames.Count} classes.");
        Name = name;
        Pixels = pixels;
        Labels = labels;
        ClassNames = classNames;
        Height = height;
        Width = width;
    }

    /// <summary>A name for messages and reports, such as <c>cifar10/train</c>.</summary>
    public string Name { get; }

    /// <summary>Planar uint8 pixels of every image, one after the other.</summary>
    public byte[] Pixels { get; }

    /// <summary>Class index of every image.</summary>
    public byte[] Labels { get; }

    /// <summary>Class names by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Bytes per image.</summary>
    public int ImageBytes => 3 * Height * Width;

    /// <summary>The planar pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> ImagePixels(int index) => Pixels.AsSpan(index * ImageBytes, ImageBytes);

    /// <summary>Images per class, by class index.</summary>
    public int[] CountsPerClass()
    {
        var counts = new int[ClassNames.Count];
        foreach (var label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>A new set of the images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices, string? name = null)
    {
        var pixels = new byte[indices.Count * ImageBytes];
        var labels = new byte[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            ImagePixels(indices[i]).CopyTo(pixels.AsSpan(i * ImageBytes));
            labels[i] = Labels[indices[i]];
        }
        return new ImageSet(name ?? Name, pixels, labels, ClassNames, Height, Width);
    }

    /// <summary>The first <paramref name="count"/> images (all if fewer).</summary>
    public ImageSet Take(int count) =>
        count >= Count ? this : Select(Enumerable.Range(0, count).ToArray(), $"{Name}[:{count}]");

    /// <summary>
    /// A seeded stratified sample of <paramref name="count"/> images: each class keeps its share
    /// (largest remainders get the leftover), images drawn without replacement, original order kept.
    /// </summary>
    public ImageSet StratifiedSample(int count, int seed) =>
        count >= Count ? this : Select(StratifiedIndices(count, seed), $"{Name}[stratified {count}, seed {seed}]");

    /// <summary>Splits off a seeded stratified <paramref name="fraction"/> of the images: (the rest, the held-out part).</summary>
    public (ImageSet Kept, ImageSet HeldOut) SplitStratified(double fraction, int seed)
    {
        int heldOut = (int)Math.Round(Count * fraction);
        var chosen = StratifiedIndices(heldOut, seed);
        var chosenSet = chosen.ToHashSet();
        var rest = Enumerable.Range(0, Count).Where(i => !chosenSet.Contains(i)).ToList();
        return (Select(rest, $"{Name}[train]"), Select(chosen, $"{Name}[validation]"));
    }

    private List<int> StratifiedIndices(int count, int seed)
    {
        var byClass = Enumerable.Range(0, ClassNames.Count)
            .Select(c => Enumerable.Range(0, Count).Where(i => Labels[i] == c).ToArray()).ToArray();
        var exact = byClass.Select(ix => (double)ix.Length * count / Count).ToArray();
        var quota = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var c in Enumerable.Range(0, quota.Length).OrderByDescending(c => exact[c] - quota[c]).ThenBy(c => c)
                     .Take(count - quota.Sum()))
            quota[c]++;
        var random = new Random(seed);
        var chosen = new List<int>(count);
        for (int c = 0; c < byClass.Length; c++)
        {
            var pool = byClass[c].ToArray();
            random.Shuffle(pool);
            chosen.AddRange(pool.Take(quota[c]));
        }
        chosen.Sort();
        return chosen;
    }
}

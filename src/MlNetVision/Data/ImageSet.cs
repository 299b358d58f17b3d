namespace MlNetVision.Data;

/// <summary>
/// Decoded images held in memory: <see cref="Pixels"/> stores image <c>i</c> at
/// <c>[i * 3 * H * W, (i + 1) * 3 * H * W)</c> as planes R, G, B, each row-major; <see cref="Labels"/>
/// holds class indices into <see cref="ClassNames"/>. For sets larger than memory, see <see cref="PixelCache"/>.
/// </summary>
public sealed class ImageSet : ILabeledImages
{
    private readonly int[] _labels;

    /// <summary>Creates a set, checking that the arrays agree.</summary>
    public ImageSet(string name, byte[] pixels, int[] labels, IReadOnlyList<string> classNames, int height, int width)
    {
        if (pixels.LongLength != (long)labels.Length * 3 * height * width)
            throw new ArgumentException($"{name}: {pixels.LongLength} pixel bytes do not hold {labels.Length} images of 3x{height}x{width}.");
        if (labels.Any(l => l < 0 || l >= classNames.Count))
            throw new ArgumentException($"{name}: a label is outside the {classNames.Count} classes.");
        Name = name;
        Pixels = pixels;
        _labels = labels;
        ClassNames = classNames;
        Height = height;
        Width = width;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Planar uint8 pixels of every image, one after the other.</summary>
    public byte[] Pixels { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Labels => _labels;

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public int Height { get; }

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public int Count => _labels.Length;

    /// <summary>Bytes per image.</summary>
    public int ImageBytes => 3 * Height * Width;

    /// <summary>The planar pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> ImagePixels(int index) => Pixels.AsSpan(index * ImageBytes, ImageBytes);

    /// <inheritdoc />
    public void CopyImages(ReadOnlySpan<int> indices, Span<byte> destination)
    {
        for (int i = 0; i < indices.Length; i++) ImagePixels(indices[i]).CopyTo(destination.Slice(i * ImageBytes, ImageBytes));
    }

    /// <summary>Images per class, by class index.</summary>
    public int[] CountsPerClass() => LabeledImages.CountsPerClass(this);

    /// <summary>A new set of the images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices, string? name = null)
    {
        var pixels = new byte[(long)indices.Count * ImageBytes];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            ImagePixels(indices[i]).CopyTo(pixels.AsSpan(i * ImageBytes));
            labels[i] = _labels[indices[i]];
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
        count >= Count ? this : Select(StratifiedSampling.Indices(Labels, ClassNames.Count, count, seed), $"{Name}[stratified {count}, seed {seed}]");

    /// <summary>Splits off a seeded stratified <paramref name="fraction"/> of the images: (the rest, the held-out part).</summary>
    public (ImageSet Kept, ImageSet HeldOut) SplitStratified(double fraction, int seed)
    {
        var chosen = StratifiedSampling.Indices(Labels, ClassNames.Count, (int)Math.Round(Count * fraction), seed);
        return (Select(StratifiedSampling.Complement(Count, chosen), $"{Name}[train]"), Select(chosen, $"{Name}[validation]"));
    }
}

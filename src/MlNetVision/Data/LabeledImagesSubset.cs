namespace MlNetVision.Data;

/// <summary>An index view over another set: image <c>i</c> is the inner set's image <c>indices[i]</c>; nothing is copied.</summary>
internal sealed class LabeledImagesSubset : ILabeledImages
{
    private readonly ILabeledImages _inner;
    private readonly int[] _indices;
    private readonly int[] _labels;

    /// <summary>Creates the view.</summary>
    public LabeledImagesSubset(ILabeledImages inner, int[] indices, string name)
    {
        _inner = inner;
        _indices = indices;
        _labels = indices.Select(i => inner.Labels[i]).ToArray();
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _indices.Length;

    /// <inheritdoc />
    public int Height => _inner.Height;

    /// <inheritdoc />
    public int Width => _inner.Width;

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _inner.ClassNames;

    /// <inheritdoc />
    public IReadOnlyList<int> Labels => _labels;

    /// <inheritdoc />
    public void CopyImages(ReadOnlySpan<int> indices, Span<byte> destination)
    {
        var mapped = indices.Length <= 4096 ? stackalloc int[indices.Length] : new int[indices.Length];
        for (int i = 0; i < indices.Length; i++) mapped[i] = _indices[indices[i]];
        _inner.CopyImages(mapped, destination);
    }
}

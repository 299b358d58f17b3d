namespace MlNetVision.Data;

/// <summary>
/// Labelled images of one size as planar uint8 RGB (planes R, G, B, each row-major), readable by index: held in memory
/// (<see cref="ImageSet"/>) or read from disk on demand (<see cref="PixelCache"/>), so training never needs a whole
/// data set decoded in RAM.
/// </summary>
public interface ILabeledImages
{
    /// <summary>A name for messages and reports, such as <c>cifar10/train</c>.</summary>
    string Name { get; }

    /// <summary>Number of images.</summary>
    int Count { get; }

    /// <summary>Image height in pixels.</summary>
    int Height { get; }

    /// <summary>Image width in pixels.</summary>
    int Width { get; }

    /// <summary>Class names by index.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Class index of every image, in <c>[0, ClassNames.Count)</c>.</summary>
    IReadOnlyList<int> Labels { get; }

    /// <summary>
    /// Copies the images at <paramref name="indices"/>, in that order, into <paramref name="destination"/>
    /// (<c>3 · Height · Width</c> bytes each, one after the other).
    /// </summary>
    void CopyImages(ReadOnlySpan<int> indices, Span<byte> destination);
}

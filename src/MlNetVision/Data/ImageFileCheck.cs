using Microsoft.ML.Data;

namespace MlNetVision.Data;

/// <summary>
/// The one check of an image file before ML.NET decodes it, shared by <see cref="ImageFolderReader"/> and batch
/// prediction: a known extension, a PNG/JPEG/BMP header, a size within <see cref="ImageFolderReader.MaxPixels"/>
/// (read from the header, before any decoding) and, when asked, a full decode.
/// </summary>
internal static class ImageFileCheck
{
    /// <summary>The image file extensions read from folders (compared case-insensitively).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp"];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether <paramref name="path"/> ends in one of <see cref="Extensions"/>, in any case.</summary>
    public static bool HasImageExtension(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Why <paramref name="file"/> cannot be used as an image (a reason without the file's name, for
    /// <see cref="Describe"/>), or null when it passes: the header is read always, the image decoded only when
    /// <paramref name="decode"/> is set.
    /// </summary>
    public static string? Problem(string file, bool decode)
    {
        try
        {
            return HeaderProblem(file) ?? (decode ? DecodeProblem(file) : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"it cannot be read: {e.Message}";
        }
    }

    /// <summary>The error message for <paramref name="file"/> and the <paramref name="reason"/> it was refused.</summary>
    public static string Describe(string file, string reason) => $"{file} cannot be decoded as an image ({reason})";

    private static string? HeaderProblem(string file) => Problem(ImageHeader.ReadHead(file));

    /// <summary>What is wrong with a file whose first bytes (<see cref="ImageHeader.ReadHead(string)"/>) are <paramref name="head"/>
    /// (a reason without the file's name, for <see cref="Describe"/>), or null when its header looks like a readable image.</summary>
    public static string? Problem(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return "it is empty, 0 bytes";
        if (FormatOf(head) is null) return "it is not a PNG, JPEG or BMP file: unrecognised header";
        if (ImageHeader.TryReadSize(head) is { } size && (long)size.Width * size.Height > ImageFolderReader.MaxPixels)
            return $"it is {size.Width}x{size.Height} pixels, more than the {ImageFolderReader.MaxPixels / 1_000_000} megapixels accepted; refused before decoding, shrink it first";
        return null;
    }

    /// <summary>The format a file's first bytes announce (<c>PNG</c>, <c>JPEG</c> or <c>BMP</c>, by their magic bytes), or null.</summary>
    public static string? FormatOf(ReadOnlySpan<byte> head) =>
        head.StartsWith(PngSignature) ? "PNG"
        : head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "JPEG"
        : head.Length >= 2 && head[0] == (byte)'B' && head[1] == (byte)'M' ? "BMP"
        : null;

    private static string? DecodeProblem(string file)
    {
        try
        {
            using var image = MLImage.CreateFromFile(file);
            return image.Width == 0 || image.Height == 0 ? "it has no pixels" : null;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or IOException or UnauthorizedAccessException))
        {
            return e.Message;
        }
    }
}

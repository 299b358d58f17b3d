namespace MlNetVision.Data;

/// <summary>Checks an image file before it is decoded: not empty, a PNG, JPEG or BMP header, not too many pixels.</summary>
internal static class ImageFileCheck
{
    /// <summary>The file extensions read as images (compared case-insensitively).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp"];

    /// <summary>Images larger than this many pixels are refused before decoding (40 megapixels, about 160 MB decoded).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Whether <paramref name="path"/> has an image extension.</summary>
    public static bool HasImageExtension(string path) =>
        Extensions.Contains(System.IO.Path.GetExtension(path).ToLowerInvariant());

    /// <summary>What is wrong with the file's header, or null when it looks like a readable image.</summary>
    public static string? Problem(string path)
    {
        byte[] head;
        try
        {
            head = ImageHeader.ReadHead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        return Problem(head);
    }

    /// <summary>What is wrong with a file whose first bytes (<see cref="ImageHeader.ReadHead(string)"/>) are <paramref name="head"/>,
    /// or null when it looks like a readable image.</summary>
    public static string? Problem(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return "is empty (0 bytes)";
        if (FormatOf(head) is null) return "is not a PNG, JPEG or BMP image (unrecognised header)";
        if (ImageHeader.TryReadSize(head) is { } size && (long)size.Width * size.Height > MaxPixels)
            return $"is {size.Width}x{size.Height} pixels, more than the {MaxPixels / 1_000_000} megapixels accepted; shrink it first";
        return null;
    }

    /// <summary>The format a file's first bytes announce (<c>PNG</c>, <c>JPEG</c> or <c>BMP</c>, by their magic bytes), or null.</summary>
    public static string? FormatOf(ReadOnlySpan<byte> head) =>
        head.StartsWith(PngSignature) ? "PNG"
        : head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "JPEG"
        : head.Length >= 2 && head[0] == (byte)'B' && head[1] == (byte)'M' ? "BMP"
        : null;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}

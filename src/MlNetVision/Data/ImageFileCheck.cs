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
        Span<byte> header = stackalloc byte[8];
        int read;
        try
        {
            using var stream = File.OpenRead(path);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        if (read == 0) return "is empty (0 bytes)";
        bool png = read >= 8 && header.SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        bool jpeg = read >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF;
        bool bmp = read >= 2 && header[0] == (byte)'B' && header[1] == (byte)'M';
        if (!png && !jpeg && !bmp) return "is not a PNG, JPEG or BMP image (unrecognised header)";
        if (ImageHeader.TryReadSize(path) is { } size && (long)size.Width * size.Height > MaxPixels)
            return $"is {size.Width}x{size.Height} pixels, more than the {MaxPixels / 1_000_000} megapixels accepted; shrink it first";
        return null;
    }
}

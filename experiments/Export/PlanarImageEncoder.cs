using SkiaSharp;

namespace MlNetVision.Experiments.Export;

/// <summary>Encodes one planar RGB uint8 image (planes R, G, B, each row-major) as PNG or JPEG, resized on the way.</summary>
internal static class PlanarImageEncoder
{
    /// <summary>
    /// The encoded file bytes of the <paramref name="height"/>×<paramref name="width"/> image in <paramref name="planar"/>,
    /// resized to <paramref name="targetWidth"/>×<paramref name="targetHeight"/> with Skia's high-quality filter
    /// (not resampled at all when the size is unchanged).
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> planar, int height, int width, int targetWidth, int targetHeight,
        ExportImageFormat format, int quality)
    {
        int plane = height * width;
        if (planar.Length != 3 * plane) throw new ArgumentException($"{planar.Length} bytes do not hold a 3x{height}x{width} image.", nameof(planar));
        var rgba = new byte[4 * plane];
        for (int p = 0; p < plane; p++)
        {
            rgba[4 * p] = planar[p];
            rgba[4 * p + 1] = planar[plane + p];
            rgba[4 * p + 2] = planar[2 * plane + p];
            rgba[4 * p + 3] = 255;
        }
        var skiaFormat = format == ExportImageFormat.Png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
        using var source = SKImage.FromPixelCopy(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), rgba)
            ?? throw new InvalidOperationException("Skia could not wrap the pixels.");
        if (targetWidth == width && targetHeight == height) return ToArray(source.Encode(skiaFormat, quality));
        using var target = new SKBitmap(new SKImageInfo(targetWidth, targetHeight, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var pixmap = target.PeekPixels())
        {
            if (!source.ScalePixels(pixmap, new SKSamplingOptions(SKCubicResampler.Mitchell)))
                throw new InvalidOperationException($"Skia could not resize {width}x{height} to {targetWidth}x{targetHeight}.");
        }
        return ToArray(target.Encode(skiaFormat, quality));
    }

    private static byte[] ToArray(SKData? data)
    {
        if (data is null) throw new InvalidOperationException("Skia could not encode the image.");
        using (data) return data.ToArray();
    }
}

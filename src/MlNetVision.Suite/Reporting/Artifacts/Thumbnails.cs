using MlNetVision.Data;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>
/// Small square PNGs of images, resized with tensor ops (nearest when enlarging, so pixels stay sharp and PNG compresses
/// them well; area averaging when shrinking) and encoded by Skia.
/// </summary>
public static class Thumbnails
{
    /// <summary>The default side, in pixels.</summary>
    public const int DefaultSize = 64;

    /// <summary>Base64 PNGs of <paramref name="images"/>' images at <paramref name="indices"/>, <paramref name="size"/> px square.</summary>
    public static IReadOnlyList<string> Encode(ILabeledImages images, IReadOnlyList<int> indices, int size = DefaultSize)
    {
        if (indices.Count == 0) return [];
        var pixels = new byte[indices.Count * 3 * images.Height * images.Width];
        images.CopyImages(indices.ToArray(), pixels);
        using var scope = NewDisposeScope();
        var batch = tensor(pixels, [indices.Count, 3, images.Height, images.Width], ScalarType.Byte).to_type(ScalarType.Float32).div_(255f);
        return Encode(batch, size);
    }

    /// <summary>Base64 PNGs of a float batch <c>[N, 3, H, W]</c> in [0, 1] (values outside are clamped), <paramref name="size"/> px square.</summary>
    public static IReadOnlyList<string> Encode(Tensor images, int size = DefaultSize)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = images.detach().cpu().to_type(ScalarType.Float32);
        if (x.shape[2] != size || x.shape[3] != size)
            x = nn.functional.interpolate(x, size: [size, size], mode: size > x.shape[2] ? InterpolationMode.Nearest : InterpolationMode.Area);
        long n = x.shape[0];
        var bytes = x.mul(255f).round_().clamp_(0, 255).to_type(ScalarType.Byte);
        var rgba = cat([bytes, full([n, 1, size, size], 255, ScalarType.Byte)], 1).permute(0, 2, 3, 1).contiguous();
        var all = rgba.data<byte>().ToArray();
        int imageBytes = 4 * size * size;
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var result = new string[n];
        for (int i = 0; i < n; i++)
        {
            using var image = SKImage.FromPixelCopy(info, all.AsSpan(i * imageBytes, imageBytes))
                ?? throw new InvalidOperationException("Skia could not wrap the thumbnail's pixels.");
            using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("Skia could not encode a thumbnail.");
            result[i] = Convert.ToBase64String(png.AsSpan());
        }
        return result;
    }
}

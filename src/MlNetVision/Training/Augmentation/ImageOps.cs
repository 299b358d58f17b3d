using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>Batched image operations shared by the augmentations (float images in [0, 1], <c>[B, 3, H, W]</c>).</summary>
internal static class ImageOps
{
    /// <summary>ITU-R 601 luma, <c>[B, 1, H, W]</c>, as torchvision's <c>rgb_to_grayscale</c>.</summary>
    public static Tensor Grayscale(Tensor x) =>
        (x[.., 0..1] * 0.299f + x[.., 1..2] * 0.587f + x[.., 2..3] * 0.114f);

    /// <summary><c>clamp(a·f + b·(1 − f), 0, 1)</c> with a per-image factor <c>f</c> <c>[B]</c>, as torchvision's <c>_blend</c>.</summary>
    public static Tensor Blend(Tensor a, Tensor b, Tensor factor)
    {
        var f = RandomDraws.PerImage(factor);
        return (a * f + b * (1 - f)).clamp(0, 1);
    }

    /// <summary>Brightness: blend with black.</summary>
    public static Tensor AdjustBrightness(Tensor x, Tensor factor) => Blend(x, zeros_like(x), factor);

    /// <summary>Contrast: blend with the image's mean grey level.</summary>
    public static Tensor AdjustContrast(Tensor x, Tensor factor) => Blend(x, Grayscale(x).mean([1, 2, 3], keepdim: true).expand_as(x), factor);

    /// <summary>Saturation: blend with the image's greyscale version.</summary>
    public static Tensor AdjustSaturation(Tensor x, Tensor factor) => Blend(x, Grayscale(x).expand_as(x), factor);

    /// <summary>Sharpness: blend with a 3×3 smoothed image (borders kept), as torchvision's <c>adjust_sharpness</c>.</summary>
    public static Tensor AdjustSharpness(Tensor x, Tensor factor)
    {
        var kernel = tensor(new float[] { 1, 1, 1, 1, 5, 1, 1, 1, 1 }, device: x.device).reshape(1, 1, 3, 3).div(13).expand(3, 1, 3, 3);
        var smooth = nn.functional.conv2d(x, kernel, groups: 3).clamp(0, 1);
        var blurred = x.clone();
        blurred[.., .., 1..^1, 1..^1] = smooth;
        return Blend(x, blurred, factor);
    }

    /// <summary>
    /// Applies a per-image 2×3 affine map (output → input, normalised coordinates, <c>[B, 2, 3]</c>) with
    /// bilinear or nearest sampling; pixels from outside the image get <paramref name="fill"/>.
    /// </summary>
    public static Tensor Warp(Tensor x, Tensor theta, bool nearest, float fill)
    {
        var grid = nn.functional.affine_grid(theta.to_type(x.dtype), x.shape, align_corners: false);
        var mode = nearest ? GridSampleMode.Nearest : GridSampleMode.Bilinear;
        var warped = nn.functional.grid_sample(x, grid, mode, GridSamplePaddingMode.Zeros, align_corners: false);
        if (fill == 0f) return warped;
        var inside = nn.functional.grid_sample(ones_like(x[.., 0..1]), grid, mode, GridSamplePaddingMode.Zeros, align_corners: false);
        return warped + (1 - inside) * fill;
    }

    /// <summary>Rotation by per-image angles in degrees (counter-clockwise) about the centre.</summary>
    public static Tensor Rotate(Tensor x, Tensor degrees, bool nearest, float fill)
    {
        var radians = degrees.to_type(ScalarType.Float32) * (MathF.PI / 180f);
        var cos = radians.cos();
        var sin = radians.sin();
        var zero = zeros_like(cos);
        var theta = stack([stack([cos, -sin, zero], 1), stack([sin, cos, zero], 1)], 1);
        return Warp(x, theta, nearest, fill);
    }

    /// <summary>Shear along x (<paramref name="alongX"/>) or y by per-image factors.</summary>
    public static Tensor Shear(Tensor x, Tensor factor, bool alongX, bool nearest, float fill)
    {
        var one = ones_like(factor);
        var zero = zeros_like(factor);
        var f = factor.to_type(ScalarType.Float32);
        var theta = alongX
            ? stack([stack([one, f, zero], 1), stack([zero, one, zero], 1)], 1)
            : stack([stack([one, zero, zero], 1), stack([f, one, zero], 1)], 1);
        return Warp(x, theta, nearest, fill);
    }

    /// <summary>Translation by per-image pixel offsets along x (<paramref name="alongX"/>) or y.</summary>
    public static Tensor Translate(Tensor x, Tensor pixels, bool alongX, bool nearest, float fill)
    {
        long size = alongX ? x.shape[3] : x.shape[2];
        var shift = -pixels.to_type(ScalarType.Float32) * 2f / size;
        var one = ones_like(shift);
        var zero = zeros_like(shift);
        var theta = alongX
            ? stack([stack([one, zero, shift], 1), stack([zero, one, zero], 1)], 1)
            : stack([stack([one, zero, zero], 1), stack([zero, one, shift], 1)], 1);
        return Warp(x, theta, nearest, fill);
    }

    /// <summary>Keeps the top <paramref name="bits"/> bits of each 8-bit value (per image, <c>[B]</c> int).</summary>
    public static Tensor Posterize(Tensor x, Tensor bits)
    {
        var values = (x * 255).round();
        var step = pow(2, 8 - bits.to_type(ScalarType.Float32)).reshape(-1, 1, 1, 1);
        return (values - values.remainder(step)) / 255;
    }

    /// <summary>Inverts values at or above a per-image threshold in [0, 1].</summary>
    public static Tensor Solarize(Tensor x, Tensor threshold) =>
        where(x >= RandomDraws.PerImage(threshold), 1 - x, x);

    /// <summary>Stretches each image channel to the full [0, 1] range.</summary>
    public static Tensor AutoContrast(Tensor x)
    {
        var low = x.amin([2, 3], keepdim: true);
        var high = x.amax([2, 3], keepdim: true);
        var span = high - low;
        var scaled = (x - low) / span.clamp_min(1e-8);
        return where(span > 1e-8, scaled, x).clamp(0, 1);
    }

    /// <summary>Histogram equalisation of each image channel (256 bins), as torchvision's <c>equalize</c>.</summary>
    public static Tensor Equalize(Tensor x)
    {
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var values = (x * 255).round().to_type(ScalarType.Int64).reshape(b * c, h * w);
        var histogram = zeros([b * c, 256], device: x.device).scatter_add_(1, values, ones([b * c, h * w], device: x.device));
        // torchvision: step = (count − count of the last non-empty bin) // 255; lut = (cumsum + step // 2) // step, shifted by one bin
        var lastBin = histogram.gather(1, values.amax([1], keepdim: true));
        var step = ((h * w) - lastBin).div(255, rounding_mode: RoundingMode.floor);
        var lut = (histogram.cumsum(1) + (step / 2).floor()).div(step.clamp_min(1), rounding_mode: RoundingMode.floor);
        lut = cat([zeros([b * c, 1], device: x.device), lut[.., ..^1]], 1).clamp(0, 255);
        var equalised = lut.gather(1, values) / 255;
        return where(step.reshape(-1, 1) > 0, equalised, values.to_type(ScalarType.Float32) / 255).reshape(b, c, h, w);
    }
}

using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// Random brightness, contrast and saturation, each factor drawn per image uniformly from
/// [max(0, 1 − s), 1 + s], applied in that fixed order (torchvision draws the order at random; hue is
/// not implemented). Spec: <c>jitter[:brightness=0.2][:contrast=0.2][:saturation=0.2]</c>.
/// </summary>
internal sealed record ColorJitter(double Brightness = 0.2, double Contrast = 0.2, double Saturation = 0.2) : IBatchAugmentation
{
    /// <inheritdoc />
    public string Spec => $"jitter:brightness={Brightness}:contrast={Contrast}:saturation={Saturation}";

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator, BatchRows? batchRows = null)
    {
        long b = images.shape[0];
        Tensor Factor(double s) => RandomDraws.Uniform(b, Math.Max(0, 1 - s), 1 + s, generator, images.device);
        var x = ImageOps.AdjustBrightness(images, Factor(Brightness));
        x = ImageOps.AdjustContrast(x, Factor(Contrast));
        return ImageOps.AdjustSaturation(x, Factor(Saturation));
    }

    /// <summary>Applies fixed factors to every image (for tests and previews).</summary>
    public static Tensor ApplyFactors(Tensor images, double brightness, double contrast, double saturation)
    {
        Tensor Same(double f) => full([images.shape[0]], f, device: images.device);
        return ImageOps.AdjustSaturation(ImageOps.AdjustContrast(ImageOps.AdjustBrightness(images, Same(brightness)), Same(contrast)), Same(saturation));
    }
}

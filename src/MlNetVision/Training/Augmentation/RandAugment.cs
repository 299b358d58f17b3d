using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// RandAugment (Cubuk et al. 2020) with torchvision's op set and magnitudes (31 bins): each image gets
/// <see cref="Ops"/> ops drawn uniformly from Identity, ShearX, ShearY, TranslateX, TranslateY, Rotate,
/// Brightness, Color, Contrast, Sharpness, Posterize, Solarize, AutoContrast, Equalize, at magnitude bin
/// <see cref="Magnitude"/>, signed ops with a random sign. Geometric ops sample nearest, fill 0, as
/// torchvision does. Spec: <c>randaugment[:n=2][:m=9]</c>.
/// </summary>
internal sealed record RandAugment(int Ops = 2, int Magnitude = 9) : IBatchAugmentation
{
    private const int Bins = 31;

    /// <summary>The op names, in torchvision's order.</summary>
    public static readonly IReadOnlyList<string> OpNames =
        ["Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color", "Contrast", "Sharpness",
         "Posterize", "Solarize", "AutoContrast", "Equalize"];

    /// <inheritdoc />
    public string Spec => $"randaugment:n={Ops}:m={Magnitude}";

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator, BatchRows? batchRows = null)
    {
        if (Magnitude is < 0 or >= Bins) throw new ArgumentOutOfRangeException(nameof(Magnitude), $"RandAugment magnitude must be 0 to {Bins - 1}.");
        var x = images.clone();
        long b = images.shape[0];
        for (int round = 0; round < Ops; round++)
        {
            var choice = RandomDraws.Integers(b, 0, OpNames.Count, generator, CPU);
            var signs = RandomDraws.Signs(b, generator, CPU);
            var chosen = choice.data<long>().ToArray();
            for (int op = 1; op < OpNames.Count; op++)
            {
                var members = Enumerable.Range(0, (int)b).Where(i => chosen[i] == op).Select(i => (long)i).ToArray();
                if (members.Length == 0) continue;
                var index = tensor(members, device: images.device);
                var subset = x.index_select(0, index);
                var sign = signs.index_select(0, tensor(members)).to(images.device);
                x.index_copy_(0, index, ApplyOp(OpNames[op], subset, sign));
            }
        }
        return x;
    }

    /// <summary>One op at this instance's magnitude on a batch, with per-image signs for the signed ops.</summary>
    public Tensor ApplyOp(string op, Tensor x, Tensor sign)
    {
        double Level(double max) => max * Magnitude / (Bins - 1);
        long size = x.shape[3];
        return op switch
        {
            "Identity" => x,
            "ShearX" => ImageOps.Shear(x, sign * Level(0.3), alongX: true, nearest: true, fill: 0),
            "ShearY" => ImageOps.Shear(x, sign * Level(0.3), alongX: false, nearest: true, fill: 0),
            "TranslateX" => ImageOps.Translate(x, sign * Level(150.0 / 331 * size), alongX: true, nearest: true, fill: 0),
            "TranslateY" => ImageOps.Translate(x, sign * Level(150.0 / 331 * size), alongX: false, nearest: true, fill: 0),
            "Rotate" => ImageOps.Rotate(x, sign * Level(30), nearest: true, fill: 0),
            "Brightness" => ImageOps.AdjustBrightness(x, 1 + sign * Level(0.9)),
            "Color" => ImageOps.AdjustSaturation(x, 1 + sign * Level(0.9)),
            "Contrast" => ImageOps.AdjustContrast(x, 1 + sign * Level(0.9)),
            "Sharpness" => ImageOps.AdjustSharpness(x, 1 + sign * Level(0.9)),
            "Posterize" => ImageOps.Posterize(x, full([x.shape[0]], 8 - (int)Math.Round(Magnitude / ((Bins - 1) / 4.0)), device: x.device)),
            "Solarize" => ImageOps.Solarize(x, full([x.shape[0]], 1.0 - (double)Magnitude / (Bins - 1), device: x.device)),
            "AutoContrast" => ImageOps.AutoContrast(x),
            "Equalize" => ImageOps.Equalize(x),
            _ => throw new ArgumentException($"Unknown RandAugment op '{op}'."),
        };
    }
}

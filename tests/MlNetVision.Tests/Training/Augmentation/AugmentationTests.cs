using MlNetVision.Infrastructure;
using MlNetVision.Native;
using MlNetVision.Training.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Training.Augmentation;

public class AugmentationTests
{
    private static Tensor Batch(int seed = 1, int count = 6, int size = 16)
    {
        TorchRuntime.EnsureLoaded();
        using var generator = new Generator((ulong)seed, CPU);
        return rand([count, 3, size, size], generator: generator);
    }

    private static void AssertSame(Tensor expected, Tensor actual, double tolerance = 1e-6) =>
        Assert.True(expected.allclose(actual, rtol: 0, atol: tolerance), $"max difference {(expected - actual).abs().max().item<float>()}");

    public static TheoryData<string> Specs() => new()
    {
        "flip", "crop:pad=4", "crop:pad=4:mode=reflect", "jitter:brightness=0.4:contrast=0.4:saturation=0.4", "rotate:degrees=30",
        "rotate:degrees=30:fill=0.5", "randaugment:n=2:m=9", "randaugment:n=3:m=30", "cutout:size=8",
        "flip,crop:pad=4:mode=reflect,jitter,rotate:degrees=15",
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Apply_AnyOp_KeepsShapeAndRange(string spec)
    {
        using var x = Batch();

        using var y = AugmentationPipeline.Parse(spec).Apply(x, seed: 3, step: 7);

        Assert.Equal(x.shape, y.shape);
        Assert.True(y.min().item<float>() >= -1e-6f && y.max().item<float>() <= 1 + 1e-6f);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Apply_SameSeedAndStep_SameBatch_OtherStep_Differs(string spec)
    {
        using var x = Batch(count: 16);
        var pipeline = AugmentationPipeline.Parse(spec);

        using var a = pipeline.Apply(x, seed: 3, step: 7);
        using var b = pipeline.Apply(x, seed: 3, step: 7);
        using var c = pipeline.Apply(x, seed: 3, step: 8);

        AssertSame(a, b, 0);
        Assert.False(a.allclose(c, rtol: 0, atol: 0), "a different step should draw differently");
    }

    [Fact]
    public void Flip_Twice_IsIdentity()
    {
        using var x = Batch();
        var flip = new HorizontalFlip(1.0);
        using var generator = new Generator(1, CPU);

        AssertSame(x, flip.Apply(flip.Apply(x, generator), generator), 0);
        AssertSame(x.flip(3), flip.Apply(x, generator), 0);
    }

    private static Tensor FlippedRows(Tensor x, int epoch, long seed, long step)
    {
        using var rows = arange(x.shape[0], ScalarType.Int64);
        using var y = AugmentationPipeline.Parse("flip:mode=alternate").Apply(x, seed, step, rows, epoch);
        return y.ne(x).flatten(1).any(1);
    }

    [Fact]
    public void AlternatingFlip_ConsecutiveEpochs_MirrorEachImageExactlyOnce()
    {
        using var x = Batch(count: 400, size: 4);

        using var epoch1 = FlippedRows(x, epoch: 1, seed: 3, step: 0);
        using var epoch2 = FlippedRows(x, epoch: 2, seed: 3, step: 50);
        using var epoch3 = FlippedRows(x, epoch: 3, seed: 3, step: 100);
        using var otherSeed = FlippedRows(x, epoch: 1, seed: 4, step: 0);

        Assert.True(epoch1.logical_xor(epoch2).all().item<bool>(), "every image mirrored in exactly one of two consecutive epochs");
        Assert.True(epoch1.eq(epoch3).all().item<bool>(), "odd epochs repeat the image's own draw, whatever the step");
        long mirrored = epoch1.sum().item<long>();
        Assert.InRange(mirrored, 160, 240);                                   // about half of 400
        Assert.False(epoch1.eq(otherSeed).all().item<bool>(), "another seed draws other images");
    }

    [Fact]
    public void AlternatingFlip_WithoutTrainingRows_ThrowsNamingTheMode()
    {
        using var x = Batch();

        var error = Assert.Throws<MlNetVisionException>(() => AugmentationPipeline.Parse("flip:mode=alternate").Apply(x, seed: 1, step: 0));

        Assert.Contains("mode=alternate", error.Message);
    }

    [Theory]
    [InlineData("flip:mode=alternate", "flip:p=0.5:mode=alternate")]
    [InlineData("flip:mode=random", "flip:p=0.5")]
    public void Parse_FlipMode_CanonicalSpec(string spec, string canonical) => Assert.Equal(canonical, AugmentationPipeline.Parse(spec).Spec);

    [Fact]
    public void Crop_ZeroPadding_IsIdentity()
    {
        using var x = Batch();
        using var generator = new Generator(1, CPU);

        AssertSame(x, new RandomCrop(0).Apply(x, generator), 0);
        AssertSame(x, new RandomCrop(0, Reflect: true).Apply(x, generator), 0);
    }

    [Fact]
    public void Crop_Translates_PixelsComeFromTheImageOrPadding()
    {
        using var x = Batch(count: 1, size: 8);
        using var generator = new Generator(5, CPU);

        using var y = new RandomCrop(2).Apply(x, generator);

        // every output pixel is either zero padding or one of the input's values
        var inputs = x.data<float>().ToArray().ToHashSet();
        Assert.All(y.data<float>().ToArray(), v => Assert.True(v == 0f || inputs.Contains(v)));
    }

    [Fact]
    public void Rotation_ByZero_IsIdentity()
    {
        using var x = Batch();

        AssertSame(x, ImageOps.Rotate(x, zeros(x.shape[0]), nearest: false, fill: 0), 1e-5);
        AssertSame(x, new RandomRotation(0).Apply(x, new Generator(1, CPU)), 1e-5);
    }

    [Fact]
    public void Rotation_By90_MatchesRot90()
    {
        using var x = Batch(count: 2, size: 8);

        using var rotated = ImageOps.Rotate(x, full([2], 90f), nearest: true, fill: 0);

        AssertSame(x.rot90(1, (2, 3)), rotated, 1e-5);
    }

    [Fact]
    public void Brightness_FactorOne_IsIdentity()
    {
        using var x = Batch();

        AssertSame(x, ColorJitter.ApplyFactors(x, 1, 1, 1), 1e-6);
        AssertSame(x, new ColorJitter(0, 0, 0).Apply(x, new Generator(1, CPU)), 1e-6);
        AssertSame((x * 0.5).clamp(0, 1), ImageOps.AdjustBrightness(x, full([x.shape[0]], 0.5f)), 1e-6);
    }

    [Fact]
    public void Saturation_Zero_GivesGrey()
    {
        using var x = Batch();

        using var grey = ColorJitter.ApplyFactors(x, 1, 1, 0);

        AssertSame(grey[.., 0], grey[.., 1], 1e-6);
        AssertSame(grey[.., 1], grey[.., 2], 1e-6);
    }

    [Fact]
    public void Cutout_ZeroesAtMostSizeSquaredPixelsPerChannel()
    {
        using var x = Batch(count: 8) + 0.01;
        using var generator = new Generator(2, CPU);

        using var y = new Cutout(4).Apply(x.clamp(0, 1), generator);

        var zeroed = (y == 0).sum([1, 2, 3]).data<long>().ToArray();
        Assert.All(zeroed, z => Assert.InRange(z, 1, 3 * 16));
    }

    [Fact]
    public void RandAugment_EveryOp_KeepsShapeAndRange()
    {
        using var x = Batch(count: 4);
        var augment = new RandAugment(1, 9);
        using var signs = tensor(new float[] { 1, -1, 1, -1 });

        foreach (var op in RandAugment.OpNames)
        {
            using var scope = NewDisposeScope();
            var y = augment.ApplyOp(op, x, signs);
            Assert.Equal(x.shape, y.shape);
            Assert.True(y.min().item<float>() >= -1e-6f && y.max().item<float>() <= 1 + 1e-6f, op);
        }
    }

    [Fact]
    public void Equalize_UniformRamp_IsUnchanged()
    {
        // a ramp that uses all 256 levels once per channel is already equalised
        using var ramp = arange(256, dtype: ScalarType.Float32).div(255).reshape(1, 1, 16, 16).expand(1, 3, 16, 16).contiguous();

        AssertSame(ramp, ImageOps.Equalize(ramp), 1.5 / 255);
    }

    [Fact]
    public void Parse_UnknownOpOrParameter_ThrowsNamingIt()
    {
        Assert.Contains("Did you mean 'flip'?", Assert.Throws<MlNetVisionException>(() => AugmentationPipeline.Parse("flp")).Message);
        Assert.Contains("unknown parameter size", Assert.Throws<MlNetVisionException>(() => AugmentationPipeline.Parse("crop:size=3")).Message);
        Assert.Contains("p=2 must be a number from 0 to 1", Assert.Throws<MlNetVisionException>(() => AugmentationPipeline.Parse("flip:p=2")).Message);
    }

    [Fact]
    public void Parse_Spec_RoundTrips()
    {
        var pipeline = AugmentationPipeline.Parse("flip, crop:pad=4:mode=reflect ,rotate:degrees=10");

        Assert.Equal(pipeline.Spec, AugmentationPipeline.Parse(pipeline.Spec).Spec);
        Assert.Equal(3, pipeline.Steps.Count);
        Assert.True(AugmentationPipeline.Parse("none").IsEmpty);
    }
}

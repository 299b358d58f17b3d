using MlNetVision.Infrastructure;
using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>
/// Mirrors images left-right. Random (spec <c>flip[:p=0.5]</c>): each image with probability <see cref="Probability"/>,
/// drawn per step. Alternating (spec <c>flip:mode=alternate</c>, airbench94): each training image gets one fixed draw
/// from (seed, row index) with probability <see cref="Probability"/>, used in odd epochs and inverted in even ones, so every
/// image is seen both ways in any two consecutive epochs instead of by chance (Jordan 2024, "alternating flip").
/// </summary>
/// <param name="Probability">Chance of a mirror (random), or of a mirror in odd epochs (alternating).</param>
/// <param name="Alternate">Alternate each image's mirror by epoch instead of drawing it per step.</param>
internal sealed record HorizontalFlip(double Probability = 0.5, bool Alternate = false) : IBatchAugmentation
{
    /// <inheritdoc />
    public string Spec => Alternate ? $"flip:p={Probability}:mode=alternate" : $"flip:p={Probability}";

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator, BatchRows? batchRows = null)
    {
        Tensor flip;
        if (Alternate)
        {
            if (batchRows is null) throw new MlNetVisionException("flip:mode=alternate needs the batch's training rows and epoch; it only applies to training batches.");
            flip = FirstEpochDraw(batchRows.Indices, batchRows.Seed).to(images.device);
            if (batchRows.Epoch % 2 == 0) flip = flip.logical_not();
        }
        else flip = RandomDraws.Bernoulli(images.shape[0], Probability, generator, images.device);
        return where(RandomDraws.PerImage(flip), images.flip(3), images);
    }

    /// <summary>
    /// Each row's fixed draw: a 32-bit integer hash of (seed, row index) scaled to [0, 1), below <see cref="Probability"/>.
    /// A pure function of its inputs in tensor ops, so no per-dataset state is kept and a resumed run draws the same.
    /// </summary>
    public Tensor FirstEpochDraw(Tensor indices, long seed)
    {
        const long mask = 0xFFFFFFFFL, multiplier = 0x45D9F3BL, half = 1L << 16;
        long seedBits = unchecked((long)(AugmentationPipeline.StepSeed(seed, -1) & 0xFFFFFFFFUL));
        var h = indices.to_type(ScalarType.Int64).bitwise_xor(tensor(seedBits)).remainder(mask + 1);
        for (int round = 0; round < 2; round++)
            h = h.bitwise_xor(h.div(half, rounding_mode: RoundingMode.floor)).mul(multiplier).remainder(mask + 1);
        h = h.bitwise_xor(h.div(half, rounding_mode: RoundingMode.floor));
        return h.to_type(ScalarType.Float64).div((double)(mask + 1)).lt(Probability);
    }
}

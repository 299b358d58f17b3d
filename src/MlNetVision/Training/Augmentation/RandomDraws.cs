using static TorchSharp.torch;

namespace MlNetVision.Training.Augmentation;

/// <summary>Per-image random draws from a CPU generator, returned on the batch's device.</summary>
internal static class RandomDraws
{
    /// <summary>Uniform values in [<paramref name="low"/>, <paramref name="high"/>), shape <c>[count]</c>.</summary>
    public static Tensor Uniform(long count, double low, double high, Generator generator, Device device) =>
        (rand([count], generator: generator) * (high - low) + low).to(device);

    /// <summary>True with probability <paramref name="p"/>, shape <c>[count]</c>.</summary>
    public static Tensor Bernoulli(long count, double p, Generator generator, Device device) =>
        (rand([count], generator: generator) < p).to(device);

    /// <summary>Integers in [<paramref name="low"/>, <paramref name="high"/>), shape <c>[count]</c>.</summary>
    public static Tensor Integers(long count, long low, long high, Generator generator, Device device) =>
        randint(low, high, [count], generator: generator).to(device);

    /// <summary>±1 with equal probability, shape <c>[count]</c>.</summary>
    public static Tensor Signs(long count, Generator generator, Device device) =>
        (rand([count], generator: generator) < 0.5).to_type(ScalarType.Float32).mul(2).sub(1).to(device);

    /// <summary>A per-image value broadcastable over <c>[B, C, H, W]</c>.</summary>
    public static Tensor PerImage(Tensor values) => values.reshape(-1, 1, 1, 1);
}

namespace MlNetVision.Models;

/// <summary>The shape of a <see cref="Cct"/> (Hassani et al. 2021, "Escaping the Big Data Paradigm with Compact Transformers").</summary>
/// <param name="Layers">Transformer encoder layers (the 7 of CCT-7/3x1).</param>
/// <param name="Dim">Token width.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="MlpRatio">MLP hidden width ÷ <paramref name="Dim"/>.</param>
/// <param name="ConvLayers">Convolutional tokenizer layers (the 1 of 3x1); each halves the side with a 3×3, stride-2 max-pool.</param>
/// <param name="ConvKernel">Tokenizer kernel side (the 3 of 3x1).</param>
/// <param name="TokenizerChannels">Channels of the tokenizer's inner conv layers (the last one outputs <paramref name="Dim"/>).</param>
/// <param name="StochasticDepth">Drop-path rate of the last layer; rates rise linearly from 0 over the layers.</param>
public sealed record CctShape(int Layers, int Dim, int Heads, double MlpRatio, int ConvLayers, int ConvKernel = 3,
    int TokenizerChannels = 64, double StochasticDepth = 0.1)
{
    /// <summary>CCT-7/3x1, the paper's CIFAR model (94.8 % after 300 epochs with its full recipe): 7 layers, 256 dims, 4 heads, MLP ratio 2, one 3×3 conv.</summary>
    public static CctShape Cct7x3x1 { get; } = new(7, 256, 4, 2, 1);

    /// <summary>CCT-4/3x2: 4 layers, 128 dims, 2 heads, MLP ratio 1, two 3×3 convs (8×8 = 64 tokens at 32 px) — small enough for a CPU.</summary>
    public static CctShape Cct4x3x2 { get; } = new(4, 128, 2, 1, 2);
}

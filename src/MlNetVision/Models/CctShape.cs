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
/// <param name="Tokenizer">CCT's plain convolutions, or airbench's whitening + conv groups (a hybrid ViT's CNN stem).</param>
/// <param name="TrainingConvType">With <see cref="CctTokenizer.WhitenedConvGroups"/>: the type the conv groups train in (null = fp32).</param>
internal sealed record CctShape(int Layers, int Dim, int Heads, double MlpRatio, int ConvLayers, int ConvKernel = 3,
    int TokenizerChannels = 64, double StochasticDepth = 0.1, CctTokenizer Tokenizer = CctTokenizer.Convolutions,
    TorchSharp.torch.ScalarType? TrainingConvType = null)
{
    /// <summary>Side of the whitening patches of <see cref="CctTokenizer.WhitenedConvGroups"/>, in pixels.</summary>
    public const int WhiteningKernel = FastCnnShape.WhiteningKernel;

    /// <summary>Added to the patch-covariance eigenvalues of the whitening (airbench's value).</summary>
    public const double WhiteningEpsilon = Blocks.PatchWhitening.DefaultEpsilon;

    /// <summary>CCT-7/3x1, the paper's CIFAR model (94.8 % after 300 epochs with its full recipe): 7 layers, 256 dims, 4 heads, MLP ratio 2, one 3×3 conv.</summary>
    public static CctShape Cct7x3x1 { get; } = new(7, 256, 4, 2, 1);

    /// <summary>CCT-4/3x2: 4 layers, 128 dims, 2 heads, MLP ratio 1, two 3×3 convs (8×8 = 64 tokens at 32 px) — small enough for a CPU.</summary>
    public static CctShape Cct4x3x2 { get; } = new(4, 128, 2, 1, 2);

    /// <summary>
    /// A hybrid for a CPU budget: airbench's stem (2×2 whitening, conv groups of 64 and 192 channels, 7×7 = 49 tokens at
    /// 32 px; the groups train in bfloat16), then 3 pre-norm layers of 192 dims, 3 heads, MLP ratio 2, sequence pooling.
    /// </summary>
    public static CctShape Hybrid3x192 { get; } = new(3, 192, 3, 2, 2, TokenizerChannels: 64, Tokenizer: CctTokenizer.WhitenedConvGroups,
        TrainingConvType: TorchSharp.torch.ScalarType.BFloat16);
}

/// <summary>How a <see cref="Cct"/> turns an image into tokens.</summary>
internal enum CctTokenizer
{
    /// <summary>CCT's: per layer a conv without bias → ReLU → max-pool 3, stride 2 (Hassani et al. 2021).</summary>
    Convolutions,

    /// <summary>airbench's stem: a frozen 2×2 patch-whitening conv set from the training data → GELU →
    /// <see cref="Blocks.ConvGroup"/>s (conv → max-pool 2 → BatchNorm → GELU → conv → BatchNorm → GELU).</summary>
    WhitenedConvGroups,
}

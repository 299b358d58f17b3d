namespace MlNetVision.Models;

/// <summary>The shape of a <see cref="FastCnn"/>; defaults are airbench94's, stated with units and sources in the experiments'
/// recipe <c>Definitions/Recipes/FastCnn94.cs</c> (a test holds the registry's <c>fast_cnn_bf16</c> to it).</summary>
/// <param name="Block1">Channels of the first conv group.</param>
/// <param name="Block2">Channels of the second conv group.</param>
/// <param name="Block3">Channels of the third conv group.</param>
/// <param name="BatchNormMomentum">PyTorch-convention running-statistics momentum (airbench's 0.6 keep factor = 0.4).</param>
/// <param name="LogitScale">Multiplies the logits (airbench: 1/9).</param>
/// <param name="WhiteningEpsilon">Added to the patch-covariance eigenvalues before the whitening divides by their root.</param>
/// <param name="TrainingConvType">Type of the conv groups' convolutions in training mode (null = fp32); see <see cref="Blocks.ConvGroup"/>.</param>
/// <param name="DataWhitening">Set the first layer from the data's patch statistics and freeze its weights (airbench); false: an
/// ordinary trainable, randomly initialised 2×2 convolution (for the ablation).</param>
/// <param name="WhiteningBiasEpochs">Epochs the whitening layer's bias trains before it freezes (airbench: 3); 0 = it never freezes.
/// Applies with <paramref name="DataWhitening"/> only.</param>
internal sealed record FastCnnShape(int Block1 = 64, int Block2 = 256, int Block3 = 256, double BatchNormMomentum = Blocks.ConvGroup.AirbenchBatchNormMomentum,
    double LogitScale = 1.0 / 9, double WhiteningEpsilon = Blocks.PatchWhitening.DefaultEpsilon, TorchSharp.torch.ScalarType? TrainingConvType = null, bool DataWhitening = true,
    int WhiteningBiasEpochs = 3)
{
    /// <summary>Side of the whitening layer's patches, in pixels.</summary>
    public const int WhiteningKernel = 2;

    /// <summary>Output channels of the whitening layer: each of the 12 eigen-directions and its negative.</summary>
    public static int WhiteningWidth { get; } = Blocks.PatchWhitening.Channels(WhiteningKernel);
}

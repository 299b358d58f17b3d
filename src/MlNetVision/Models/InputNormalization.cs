namespace MlNetVision.Models;

/// <summary>
/// How the pixels a model receives were normalised: <c>(x − Mean) / Std</c> per channel (R, G, B) on the
/// [0, 1] scale. A model that needs its own input convention (such as an imported network that expects
/// BGR on the 0–255 scale) undoes this inside its forward pass, so it sees the right input whatever the
/// pipeline's normalisation.
/// </summary>
/// <param name="Mean">Per-channel mean subtracted.</param>
/// <param name="Std">Per-channel standard deviation divided by.</param>
public sealed record InputNormalization(float[] Mean, float[] Std)
{
    /// <summary>No normalisation: pixels in [0, 1].</summary>
    public static InputNormalization None { get; } = new([0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>CIFAR-10's training-set channel statistics (airbench's).</summary>
    public static InputNormalization Cifar10 { get; } = new([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);

    /// <summary>torchvision's and timm's ImageNet statistics.</summary>
    public static InputNormalization ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
}

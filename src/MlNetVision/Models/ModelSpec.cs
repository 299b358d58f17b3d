namespace MlNetVision.Models;

/// <summary>What a registered model is built for.</summary>
/// <param name="NumClasses">Number of output classes.</param>
/// <param name="ImageSize">Side of the square input image the model sees, in pixels.</param>
/// <param name="Input">How its input pixels are normalised (null: not normalised, pixels in [0, 1]); only models
/// with their own input convention use it.</param>
public sealed record ModelSpec(int NumClasses, int ImageSize, InputNormalization? Input = null)
{
    /// <summary><see cref="Input"/>, or <see cref="InputNormalization.None"/> when unset.</summary>
    public InputNormalization Normalization => Input ?? InputNormalization.None;
}

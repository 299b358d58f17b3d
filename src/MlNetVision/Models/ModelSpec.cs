namespace MlNetVision.Models;

/// <summary>What a registered model is built for.</summary>
/// <param name="NumClasses">Number of output classes.</param>
/// <param name="ImageSize">Side of the square input image the model sees, in pixels.</param>
public sealed record ModelSpec(int NumClasses, int ImageSize);

namespace MlNetVision.Data;

/// <summary>An image file that could not be used, and why.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Reason">What is wrong with it, e.g. "it is not a PNG, JPEG or BMP file: unrecognised header".</param>
public sealed record BadImage(string Path, string Reason);

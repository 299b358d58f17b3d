namespace MlNetVision.Data;

/// <summary>An image file that could not be used, and why.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Reason">What is wrong with it, e.g. "cannot be decoded as an image: …".</param>
public sealed record BadImage(string Path, string Reason);

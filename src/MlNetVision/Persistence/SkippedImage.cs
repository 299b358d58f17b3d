namespace MlNetVision.Persistence;

/// <summary>An image that batch prediction left out: its path and why.</summary>
/// <param name="ImagePath">The image's full path.</param>
/// <param name="Reason">Why it was not classified (a bad header, too many pixels, a decoder error).</param>
internal sealed record SkippedImage(string ImagePath, string Reason);

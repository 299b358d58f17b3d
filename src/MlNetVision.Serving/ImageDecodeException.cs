namespace MlNetVision.Serving;

/// <summary>The zip could not load an uploaded file as an image (e.g. a truncated PNG).</summary>
public sealed class ImageDecodeException(string message, Exception inner) : Exception(message, inner);

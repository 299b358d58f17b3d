namespace MlNetVision.Serving;

/// <summary>A request the app refuses, with the HTTP status and the one-line reason it answers.</summary>
public sealed class UploadRejectedException(int statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status to answer.</summary>
    public int StatusCode { get; } = statusCode;
}

namespace MlNetVision.Serving;

/// <summary>A request the app refuses, with the HTTP status and the one-line reason it answers.</summary>
public sealed class UploadRejectedException(int statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status to answer.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>A 400 Bad Request with <paramref name="message"/>.</summary>
    public static UploadRejectedException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    /// <summary>A 413 for a request body over <paramref name="maxUploadBytes"/>.</summary>
    public static UploadRejectedException TooLarge(long maxUploadBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"request body over {maxUploadBytes} bytes (MaxUploadBytes)");
}

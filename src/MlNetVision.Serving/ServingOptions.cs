namespace MlNetVision.Serving;

/// <summary>The app's settings, from configuration (command line <c>--model PATH</c>, the <c>Model</c> key, or env <c>MODEL</c>).</summary>
/// <param name="Model">Path of the model zip to serve.</param>
/// <param name="MaxUploadBytes">Largest request body accepted (413 above it).</param>
/// <param name="MaxPixels">Largest width × height an image header may declare (refused before decoding above it).</param>
/// <param name="MaxImages">Most images one <c>POST /predict</c> may carry, as files or JSON items (400 above it).</param>
public sealed record ServingOptions(string? Model, long MaxUploadBytes, long MaxPixels, int MaxImages)
{
    /// <summary>Default <see cref="MaxUploadBytes"/>: 10 MB.</summary>
    public const long DefaultMaxUploadBytes = 10L * 1024 * 1024;

    /// <summary>Default <see cref="MaxPixels"/>: 40 megapixels.</summary>
    public const long DefaultMaxPixels = 40_000_000;

    /// <summary>Default <see cref="MaxImages"/>: 100 images per request.</summary>
    public const int DefaultMaxImages = 100;

    /// <summary>The limits <c>GET /model</c> reports.</summary>
    public ServingLimits Limits => new(MaxUploadBytes, MaxPixels, MaxImages);

    /// <summary>Reads the settings; a value that is not a positive whole number is a <see cref="StartupException"/>.</summary>
    public static ServingOptions From(IConfiguration configuration) => new(
        configuration["Model"],
        Positive(configuration, "MaxUploadBytes", DefaultMaxUploadBytes),
        Positive(configuration, "MaxPixels", DefaultMaxPixels),
        (int)Positive(configuration, "MaxImages", DefaultMaxImages, int.MaxValue));

    private static long Positive(IConfiguration configuration, string key, long fallback, long max = long.MaxValue)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return long.TryParse(text, out var value) && value > 0 && value <= max ? value
            : throw new StartupException($"{key} must be a positive whole number{(max < long.MaxValue ? $" up to {max}" : "")}, not '{text}'");
    }
}

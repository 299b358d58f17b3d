namespace MlNetVision.Data;

/// <summary>How a <see cref="PixelCache"/> is found and built.</summary>
public sealed record PixelCacheOptions
{
    /// <summary>The folder for cache files; null = <c>pixels/</c> under MlNetVision's cache folder (<c>$MLNETVISION_CACHE</c>,
    /// else <c>$XDG_CACHE_HOME/mlnetvision</c>, else <c>~/.cache/mlnetvision</c>).</summary>
    public string? Directory { get; init; }

    /// <summary>What to do with files that cannot be decoded; default <see cref="BadImagePolicy.Refuse"/>.</summary>
    public BadImagePolicy BadImages { get; init; } = BadImagePolicy.Refuse;

    /// <summary>Decoding threads; 0 = one per logical core.</summary>
    public int Threads { get; init; }

    /// <summary>Whether to show a progress bar while building.</summary>
    public bool ShowProgress { get; init; } = true;
}

namespace MlNetVision.Data;

/// <summary>
/// The JSON beside a pixel cache file, written only after the pixels are complete and flushed: the commit marker of a
/// cache. A cache without it, or whose fingerprint or length disagrees, is never read.
/// </summary>
/// <param name="FormatVersion">Bumped when the file layout or the preprocessing changes; older caches are rebuilt.</param>
/// <param name="Fingerprint">SHA-256 of the source files (paths, sizes, modification times, labels), the size and the resizing.</param>
/// <param name="Name">The set's name.</param>
/// <param name="Height">Image height.</param>
/// <param name="Width">Image width.</param>
/// <param name="ClassNames">Class names by index.</param>
/// <param name="Labels">Class index of every cached image, in file order.</param>
/// <param name="SourceFiles">Image files in the source, bad ones included.</param>
/// <param name="Skipped">Files left out (with <see cref="BadImagePolicy.Skip"/>).</param>
/// <param name="BuildSeconds">How long the build took.</param>
internal sealed record PixelCacheManifest(int FormatVersion, string Fingerprint, string Name, int Height, int Width, IReadOnlyList<string> ClassNames,
    int[] Labels, int SourceFiles, IReadOnlyList<BadImage> Skipped, double BuildSeconds)
{
    /// <summary>The current <see cref="FormatVersion"/>.</summary>
    public const int CurrentFormatVersion = 1;
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>
/// Decoded images on disk: one file of planar uint8 RGB images at the training resolution (image <c>i</c> at byte
/// <c>i · 3 · H · W</c>), read by index with positioned reads, so memory does not grow with the data set (the pages
/// stay in the operating system's file cache, not in the process). Built once from image files in parallel through the
/// same <see cref="ImagePreprocessing"/> a model zip applies (<see cref="ImagePreprocessing.Resizing"/>), and reused
/// while the files' fingerprint (paths, sizes, modification times, labels) is unchanged; rebuilt otherwise. A cache is
/// written to a <c>.partial</c> file, flushed, renamed, and only then committed by its manifest, so a build that fails
/// (a full disk, a crash, Ctrl+C) is never read. Builds of the same cache by several processes wait on a lock file.
/// </summary>
public sealed class PixelCache : ILabeledImages, IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly bool _deleteOnDispose;
    private readonly int _imageBytes;

    private PixelCache(string pixelsPath, PixelCacheManifest manifest, bool reused, bool deleteOnDispose)
    {
        PixelsPath = pixelsPath;
        Manifest = manifest;
        Reused = reused;
        _deleteOnDispose = deleteOnDispose;
        _imageBytes = 3 * manifest.Height * manifest.Width;
        _handle = File.OpenHandle(pixelsPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        long expected = (long)manifest.Labels.Length * _imageBytes;
        long actual = RandomAccess.GetLength(_handle);
        if (actual != expected)
        {
            _handle.Dispose();
            throw new InvalidDatasetException($"Pixel cache {pixelsPath} has {actual} bytes, not the {expected} its manifest promises; delete it to rebuild.");
        }
    }

    /// <summary>The cache file.</summary>
    public string PixelsPath { get; }

    /// <summary>Whether an existing cache was reused (false: built now).</summary>
    public bool Reused { get; }

    internal PixelCacheManifest Manifest { get; }

    /// <inheritdoc />
    public string Name => Manifest.Name;

    /// <inheritdoc />
    public int Count => Manifest.Labels.Length;

    /// <inheritdoc />
    public int Height => Manifest.Height;

    /// <inheritdoc />
    public int Width => Manifest.Width;

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => Manifest.ClassNames;

    /// <inheritdoc />
    public IReadOnlyList<int> Labels => Manifest.Labels;

    /// <summary>Files left out because they could not be decoded (<see cref="BadImagePolicy.Skip"/>).</summary>
    public IReadOnlyList<BadImage> Skipped => Manifest.Skipped;

    /// <summary>Seconds the build took (when reused: the original build's).</summary>
    public double BuildSeconds => Manifest.BuildSeconds;

    /// <inheritdoc />
    public void CopyImages(ReadOnlySpan<int> indices, Span<byte> destination)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"Image {indices[i]} is outside {Name}'s {Count} images.");
            var slice = destination.Slice(i * _imageBytes, _imageBytes);
            long offset = (long)indices[i] * _imageBytes;
            int read = 0;
            while (read < slice.Length)
            {
                int n = RandomAccess.Read(_handle, slice[read..], offset + read);
                if (n == 0) throw new IOException($"Pixel cache {PixelsPath} ended early at image {indices[i]}.");
                read += n;
            }
        }
    }

    /// <summary>
    /// The cache of <paramref name="files"/> resized to <paramref name="size"/> px squares: reused when present and current,
    /// else built (in parallel, with a progress bar on <paramref name="log"/>).
    /// </summary>
    /// <param name="name">The set's identity, e.g. <c>/data/flowers:train</c>; with <paramref name="size"/> it names the cache file,
    /// so a changed source replaces its old cache instead of adding another.</param>
    /// <param name="files">The images, in row order.</param>
    /// <param name="classNames">Class names by index.</param>
    /// <param name="size">The side of the cached images.</param>
    /// <param name="options">Where the cache lives and what to do with bad images.</param>
    /// <param name="log">Progress and messages (default: standard error).</param>
    /// <param name="cancellation">Stops the build; nothing is committed.</param>
    /// <exception cref="InvalidDatasetException">Images that cannot be read (with <see cref="BadImagePolicy.Refuse"/>), no readable image,
    /// or a disk without room for the cache.</exception>
    public static PixelCache OpenOrBuild(string name, IReadOnlyList<ImageFile> files, IReadOnlyList<string> classNames, int size,
        PixelCacheOptions? options = null, TextWriter? log = null, CancellationToken cancellation = default)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The image size must be positive.");
        // One image's 3·size² bytes are held in one array while decoding (and 3·size·size overflows an int beyond this).
        if (3L * size * size > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The image size must be at most {(int)Math.Sqrt(Array.MaxLength / 3.0)} px.");
        if (files.Count == 0) throw new InvalidDatasetException($"{name} has no images.");
        options ??= new PixelCacheOptions();
        log ??= Console.Error;
        var folder = options.Directory is { } d ? Directory.CreateDirectory(d).FullName : CacheFolders.Get("pixels");
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{name}|{size}")))[..24].ToLowerInvariant();
        var pixelsPath = Path.Combine(folder, key + ".pixels");
        var manifestPath = Path.Combine(folder, key + ".json");
        var fingerprint = Fingerprint(files, classNames, size);

        using var cacheLock = CacheLock.Acquire(Path.Combine(folder, key + ".lock"), log, cancellation);
        if (TryOpen(pixelsPath, manifestPath, fingerprint, options.BadImages) is { } reused)
        {
            log.WriteLine($"{name}: using the pixel cache {pixelsPath} ({reused.Count:N0} images at {size} px)");
            return reused;
        }
        File.Delete(manifestPath);
        var clock = Stopwatch.StartNew();
        var (labels, skipped) = PixelCacheBuilder.Build(pixelsPath, files, size, options, log, name, cancellation);
        var manifest = new PixelCacheManifest(PixelCacheManifest.CurrentFormatVersion, fingerprint, name, size, size, classNames, labels, files.Count,
            skipped, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, JsonDefaults.Options));
        log.WriteLine($"{name}: cached {labels.Length:N0} images at {size} px in {clock.Elapsed.TotalSeconds:0.0} s " +
                      $"({labels.Length / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):0} images/s) into {pixelsPath}" +
                      (skipped.Count > 0 ? $"; skipped {skipped.Count} unreadable file(s)" : ""));
        return new PixelCache(pixelsPath, manifest, reused: false, deleteOnDispose: false);
    }

    /// <summary>A cache over a finished temporary pixel file, deleted when disposed (the trainer's copy of an arbitrary IDataView).</summary>
    internal static PixelCache OverTemporaryFile(string pixelsPath, string name, int height, int width, IReadOnlyList<string> classNames, int[] labels) =>
        new(pixelsPath, new PixelCacheManifest(PixelCacheManifest.CurrentFormatVersion, "", name, height, width, classNames, labels, labels.Length, [], 0),
            reused: false, deleteOnDispose: true);

    /// <summary>The fingerprint of a source: format version, size, resizing, class names, and every file's path, label, length and time.</summary>
    internal static string Fingerprint(IReadOnlyList<ImageFile> files, IReadOnlyList<string> classNames, int size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"v{PixelCacheManifest.CurrentFormatVersion}|{size}|{ImagePreprocessing.Resizing}|{string.Join('\n', classNames)}\n"));
        foreach (var file in files)
            hash.AppendData(Encoding.UTF8.GetBytes($"{file.Path}|{file.Label}|{file.Length}|{file.LastWriteUtc.Ticks}\n"));
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static PixelCache? TryOpen(string pixelsPath, string manifestPath, string fingerprint, BadImagePolicy policy)
    {
        if (!File.Exists(manifestPath) || !File.Exists(pixelsPath)) return null;
        PixelCacheManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PixelCacheManifest>(File.ReadAllText(manifestPath), JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        if (manifest is null || manifest.FormatVersion != PixelCacheManifest.CurrentFormatVersion || manifest.Fingerprint != fingerprint) return null;
        if (manifest.Skipped.Count > 0 && policy == BadImagePolicy.Refuse)
            throw PixelCacheBuilder.BadImagesError(manifest.Name, manifest.Skipped);
        try
        {
            return new PixelCache(pixelsPath, manifest, reused: true, deleteOnDispose: false);
        }
        catch (InvalidDatasetException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _handle.Dispose();
        if (_deleteOnDispose) File.Delete(PixelsPath);
    }
}

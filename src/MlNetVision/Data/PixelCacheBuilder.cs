using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.Win32.SafeHandles;
using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>
/// Decodes image files into a pixel cache file on all cores: each worker runs its chunk of files through ML.NET's
/// LoadImages and <see cref="ImagePreprocessing"/> (the zip's own transforms, unscaled) and writes every image at its row's
/// offset. A file whose header is wrong or that fails to decode is named, never silently dropped.
/// </summary>
internal static class PixelCacheBuilder
{
    private const int ChunkSize = 128;

    /// <summary>How many bad files an error message names.</summary>
    public const int NamedInErrors = 10;

    /// <summary>
    /// Writes the cache to <paramref name="pixelsPath"/> (through a <c>.partial</c> file, flushed and renamed); returns the
    /// labels of the cached rows and the files left out.
    /// </summary>
    public static (int[] Labels, IReadOnlyList<BadImage> Skipped) Build(string pixelsPath, IReadOnlyList<ImageFile> files, int size,
        PixelCacheOptions options, TextWriter log, string name, CancellationToken cancellation)
    {
        int imageBytes = 3 * size * size;
        long total = (long)files.Count * imageBytes;
        var partial = pixelsPath + ".partial";
        File.Delete(partial);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.None, preallocationSize: total);
        }
        catch (IOException e)
        {
            File.Delete(partial);
            throw new InvalidDatasetException($"Cannot create the {total / 1e9:0.00} GB pixel cache for {name} in {Path.GetDirectoryName(pixelsPath)}: {e.Message} " +
                                              $"({FreeSpace(pixelsPath)}). Free some space or set {CacheFolders.CacheVariable} to a larger disk.");
        }
        var bad = new ConcurrentDictionary<int, BadImage>();
        try
        {
            using (handle)
            {
                Decode(handle, files, size, options, log, name, bad, cancellation);
                if (!bad.IsEmpty && options.BadImages == BadImagePolicy.Refuse)
                    throw BadImagesError(name, bad.OrderBy(b => b.Key).Select(b => b.Value).ToList());
                var keep = Enumerable.Range(0, files.Count).Where(i => !bad.ContainsKey(i)).ToArray();
                if (keep.Length == 0) throw new InvalidDatasetException($"{name}: none of its {files.Count} images could be read; the first: {ImageFileCheck.Describe(bad[0].Path, bad[0].Reason)}.");
                if (keep.Length < files.Count) Compact(handle, keep, imageBytes);
                RandomAccess.FlushToDisk(handle);
                var skipped = bad.OrderBy(b => b.Key).Select(b => b.Value).ToList();
                handle.Dispose();
                File.Move(partial, pixelsPath, overwrite: true);
                return (keep.Select(i => files[i].Label).ToArray(), skipped);
            }
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            File.Delete(partial);
            throw new InvalidDatasetException($"Writing the pixel cache for {name} failed: {e.Message} ({FreeSpace(pixelsPath)}); nothing was kept.");
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>The error for unreadable images under <see cref="BadImagePolicy.Refuse"/>: the count and the first names.</summary>
    public static InvalidDatasetException BadImagesError(string name, IReadOnlyList<BadImage> bad) =>
        new($"{name}: {bad.Count} image file(s) cannot be read: " +
            string.Join("; ", bad.Take(NamedInErrors).Select(b => ImageFileCheck.Describe(b.Path, b.Reason))) + (bad.Count > NamedInErrors ? "; …" : "") +
            ". Fix or remove them, or pass --skip-bad-images (PixelCacheOptions.BadImages = Skip) to leave them out and list them in the report.");

    private static void Decode(SafeFileHandle handle, IReadOnlyList<ImageFile> files, int size, PixelCacheOptions options, TextWriter log, string name,
        ConcurrentDictionary<int, BadImage> bad, CancellationToken cancellation)
    {
        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        int done = 0;
        var chunks = Enumerable.Range(0, (files.Count + ChunkSize - 1) / ChunkSize).ToArray();
        var work = Task.Run(() => Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation },
            () => new MLContext(seed: 0),
            (chunk, _, ml) =>
            {
                int start = chunk * ChunkSize, end = Math.Min(files.Count, start + ChunkSize);
                DecodeChunk(ml, handle, files, start, end, size, bad, cancellation);
                Interlocked.Add(ref done, end - start);
                return ml;
            },
            _ => { }), cancellation);
        using var bar = options.ShowProgress ? new ConsoleProgress($"caching {name}", log == Console.Error ? null : log) : null;
        // Not work.Wait: it throws an AggregateException for a failed or cancelled build; GetResult below unwraps instead.
        while (!((IAsyncResult)work).AsyncWaitHandle.WaitOne(200)) bar?.Report(Volatile.Read(ref done), files.Count, $"{Volatile.Read(ref done):N0}/{files.Count:N0} images at {size} px");
        try
        {
            work.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            throw e.InnerExceptions[0];
        }
        bar?.Report(files.Count, files.Count, $"{files.Count:N0}/{files.Count:N0} images at {size} px", force: true);
    }

    private static void DecodeChunk(MLContext ml, SafeFileHandle handle, IReadOnlyList<ImageFile> files, int start, int end, int size,
        ConcurrentDictionary<int, BadImage> bad, CancellationToken cancellation)
    {
        var pending = new List<int>(end - start);
        for (int i = start; i < end; i++)
        {
            if (ImageFileCheck.Problem(files[i].Path, decode: false) is { } problem) bad[i] = new BadImage(files[i].Path, problem);
            else pending.Add(i);
        }
        var preprocessing = new ImagePreprocessing(size, PixelScale: 1f);
        var bytes = new byte[3 * size * size];
        int next = 0;
        while (next < pending.Count)
        {
            try
            {
                DecodeRows(ml, preprocessing, handle, files, pending, ref next, pending.Count, bytes, cancellation);
            }
            catch (Exception e) when (e is not (OperationCanceledException or IOException))
            {
                // ML.NET's cursor decodes ahead on several threads, so the failure may belong to any row from next on:
                // decode them one at a time up to the one that fails by itself, then go on in bulk after it.
                while (next < pending.Count)
                {
                    int at = next;
                    try
                    {
                        DecodeRows(ml, preprocessing, handle, files, pending, ref next, at + 1, bytes, cancellation);
                    }
                    catch (Exception single) when (single is not (OperationCanceledException or IOException))
                    {
                        bad[pending[at]] = new BadImage(files[pending[at]].Path, single.GetBaseException().Message);
                        next = at + 1;
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Decodes <c>pending[next..end)</c> through one pipeline, writing each image at its row; <paramref name="next"/> follows.</summary>
    private static void DecodeRows(MLContext ml, ImagePreprocessing preprocessing, SafeFileHandle handle, IReadOnlyList<ImageFile> files,
        List<int> pending, ref int next, int end, byte[] bytes, CancellationToken cancellation)
    {
        var rows = pending.Skip(next).Take(end - next).Select(i => new PathRow { ImagePath = files[i].Path }).ToList();
        var view = ml.Data.LoadFromEnumerable(rows);
        var features = preprocessing.FromImagePath(ml).Fit(view).Transform(view);
        using var cursor = features.GetRowCursor(features.Schema.Where(c => c.Name == ImagePreprocessing.FeatureColumn));
        var getter = cursor.GetGetter<VBuffer<float>>(features.Schema[ImagePreprocessing.FeatureColumn]);
        var buffer = default(VBuffer<float>);
        while (next < end && cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            getter(ref buffer);
            var values = buffer.GetValues();
            if (values.Length != bytes.Length) throw new InvalidDataException($"decoded to {values.Length} values, not {bytes.Length}");
            TensorPrimitives.ConvertTruncating(values, bytes.AsSpan());
            RandomAccess.Write(handle, bytes, (long)pending[next] * bytes.Length);
            next++;
        }
        if (next < end) throw new InvalidDataException($"the pipeline gave {end - next} row(s) too few");
    }

    private static void Compact(SafeFileHandle handle, int[] keep, int imageBytes)
    {
        var bytes = new byte[imageBytes];
        for (int row = 0; row < keep.Length; row++)
        {
            if (keep[row] == row) continue;
            RandomAccess.Read(handle, bytes, (long)keep[row] * imageBytes);
            RandomAccess.Write(handle, bytes, (long)row * imageBytes);
        }
        RandomAccess.SetLength(handle, (long)keep.Length * imageBytes);
    }

    private static string FreeSpace(string path)
    {
        try
        {
            return $"{new DriveInfo(Path.GetPathRoot(Path.GetFullPath(path))!).AvailableFreeSpace / 1e9:0.00} GB free there";
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return "free space unknown";
        }
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}

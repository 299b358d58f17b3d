using System.Diagnostics;
using MlNetVision.Data;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Export;

/// <summary>
/// Writes in-memory image sets as an image-folder dataset, <c>OUTDIR/train/&lt;class&gt;/&lt;index&gt;.png</c> and
/// <c>OUTDIR/test/&lt;class&gt;/&lt;index&gt;.png</c> (with <see cref="FolderExportOptions.Repeat"/> above 1, training
/// images as <c>&lt;index&gt;-&lt;copy&gt;</c>), so the folder route can be checked against the binary one. Images are
/// encoded on every core; each one's size is drawn from its own seed, so the files do not depend on the thread
/// schedule. Each file is written under a temporary dot-name and renamed into place, so an interrupted export leaves
/// only whole images.
/// </summary>
internal sealed class FolderExport(FolderExportOptions options)
{
    /// <summary>The largest side an exported image may have.</summary>
    public const int MaxSide = 4096;

    /// <summary>The sub-folder of the training images.</summary>
    public const string TrainFolder = "train";

    /// <summary>The sub-folder of the test images.</summary>
    public const string TestFolder = "test";

    /// <summary>The width and height of image <paramref name="index"/> (copy <paramref name="copy"/>) of a split.</summary>
    public (int Width, int Height) DrawSize(string split, int index, int copy)
    {
        var random = new Random(ImageSeed(options.Seed, split == TrainFolder ? 0 : 1, index, copy));
        int width = random.Next(options.MinSize, options.MaxSize + 1);
        int height = random.Next(options.MinSize, options.MaxSize + 1);
        return options.Square ? (width, width) : (width, height);
    }

    /// <summary>Writes <paramref name="train"/> and <paramref name="test"/> under <paramref name="outDir"/>.</summary>
    /// <exception cref="MlNetVisionException"><paramref name="outDir"/> is not empty and <see cref="FolderExportOptions.Force"/> is off, or a class name is not a folder name.</exception>
    public FolderExportSummary Run(ImageSet train, ImageSet test, string outDir, CancellationToken cancellation = default, ConsoleProgress? progress = null)
    {
        options.Validate();
        Prepare(outDir);
        var splits = new[] { (Name: TrainFolder, Set: train, Copies: options.Repeat), (Name: TestFolder, Set: test, Copies: 1) };
        foreach (var (name, set, _) in splits)
            foreach (var label in set.Labels.Distinct())
                Directory.CreateDirectory(Path.Combine(outDir, name, CheckedClassName(set.ClassNames[label])));
        long trainFiles = (long)train.Count * options.Repeat;
        long planned = trainFiles + test.Count;
        long files = 0, bytes = 0;
        var gate = new object();
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
        bool interrupted = false;
        try
        {
            Parallel.For(0L, planned, parallel, job =>
            {
                var (name, set, copies) = job < trainFiles ? splits[0] : splits[1];
                long local = job < trainFiles ? job : job - trainFiles;
                int index = (int)(local / copies), copy = (int)(local % copies);
                var (width, height) = DrawSize(name, index, copy);
                var encoded = PlanarImageEncoder.Encode(set.ImagePixels(index), set.Height, set.Width, width, height, options.Format, options.Quality);
                WriteWhole(Path.Combine(outDir, name, set.ClassNames[set.Labels[index]], FileName(index, set.Count, copy, copies)), encoded);
                Interlocked.Add(ref bytes, encoded.Length);
                long done = Interlocked.Increment(ref files);
                if (progress is not null && Monitor.TryEnter(gate))
                {
                    try { progress.Report(done, planned, $"{done:N0}/{planned:N0} files"); }
                    finally { Monitor.Exit(gate); }
                }
            });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            interrupted = true;
        }
        progress?.Report(files, planned, $"{files:N0}/{planned:N0} files", force: true);
        return new FolderExportSummary(files, planned, bytes, clock.Elapsed, interrupted);
    }

    /// <summary>The file name of image <paramref name="index"/> of a split of <paramref name="count"/> images, e.g. <c>00042.png</c> or <c>00042-1.jpg</c>.</summary>
    public string FileName(int index, int count, int copy, int copies)
    {
        int digits = Math.Max(5, (count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var stem = index.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
        if (copies > 1)
        {
            int copyDigits = (copies - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            stem += "-" + copy.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(copyDigits, '0');
        }
        return stem + options.Extension;
    }

    /// <summary>Throws unless <paramref name="outDir"/> is absent or empty, or <paramref name="force"/> is set (checked before reading any data).</summary>
    /// <exception cref="MlNetVisionException"><paramref name="outDir"/> is a file, or a non-empty folder without <paramref name="force"/>.</exception>
    public static void CheckTarget(string outDir, bool force)
    {
        if (File.Exists(outDir)) throw new MlNetVisionException($"{outDir} is a file, not a folder.");
        if (!force && Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new MlNetVisionException($"{outDir} is not empty; choose an empty folder, or pass --force to replace its {TrainFolder}/ and {TestFolder}/ folders.");
    }

    private void Prepare(string outDir)
    {
        CheckTarget(outDir, options.Force);
        if (Directory.Exists(outDir))
        {
            foreach (var split in new[] { TrainFolder, TestFolder })
            {
                var folder = Path.Combine(outDir, split);
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }
        Directory.CreateDirectory(outDir);
    }

    private static string CheckedClassName(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new MlNetVisionException($"Class name '{name}' cannot be a folder name.");
        return name;
    }

    private static void WriteWhole(string path, byte[] bytes)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>A seed for one image: SplitMix64 over the run seed, split, index and copy (not <see cref="HashCode"/>, which differs between processes).</summary>
    private static int ImageSeed(int seed, int split, int index, int copy)
    {
        ulong z = unchecked((ulong)(uint)seed);
        foreach (var part in new[] { split, index, copy })
            z = Mix(unchecked(z * 0x9E3779B97F4A7C15UL + (ulong)(uint)part + 0x632BE59BD9B4E019UL));
        return (int)(z & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using MlNetVision.Data;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// What <c>data info</c> says about an image folder: its layout and counts per class and split (as
/// <see cref="ImageFolderDataset.Open"/> finds them, so as <c>run</c> would split it), the sizes and formats its image
/// headers declare, the files whose header check fails, the ignored non-image files and classes too small or
/// unevenly tested. Only headers are read (on every core); whether an image decodes is checked when <c>run</c>
/// caches its pixels.
/// </summary>
internal sealed class ImageFolderReport
{
    /// <summary>How many files with a failing header check are named.</summary>
    public const int ProblemsListed = 10;

    /// <summary>How many ignored non-image files are named.</summary>
    public const int IgnoredListed = 5;

    /// <summary>A class with fewer images than this in a split is warned about.</summary>
    public const int FewImages = 5;

    /// <summary>A class whose share of the test set is this many times above or below its share of the training set is
    /// warned about.</summary>
    public const double ShareRatio = 2;

    /// <summary>How many of the most common sizes are shown.</summary>
    public const int CommonSizesShown = 3;

    private ImageFolderReport(ImageFolderDataset dataset) => Dataset = dataset;

    /// <summary>The data set as <c>run</c> would open it.</summary>
    public ImageFolderDataset Dataset { get; }

    /// <summary>Files whose header check fails (<see cref="ImageFileCheck.Problem(string, bool)"/>), relative path and reason, in path order.</summary>
    public IReadOnlyList<(string File, string Problem)> Problems { get; private set; } = [];

    /// <summary>Images by the format their magic bytes announce (<c>PNG</c>, <c>JPEG</c>, <c>BMP</c>), most first; those with a recognised header only.</summary>
    public IReadOnlyList<(string Format, int Count)> Formats { get; private set; } = [];

    /// <summary>Images whose header announces another format than their extension names (they are read by content).</summary>
    public int ExtensionMismatches { get; private set; }

    /// <summary>Images whose header passes the check and declares a size.</summary>
    public int Sized { get; private set; }

    /// <summary>Smallest and largest width and height among the <see cref="Sized"/> images (all 0 when there are none).</summary>
    public (int MinWidth, int MaxWidth, int MinHeight, int MaxHeight) SizeRange { get; private set; }

    /// <summary>The most common sizes, most frequent first (ties: larger area first, then wider), at most <see cref="CommonSizesShown"/>.</summary>
    public IReadOnlyList<(int Width, int Height, int Count)> CommonSizes { get; private set; } = [];

    /// <summary>How many of the <see cref="Sized"/> images are not square.</summary>
    public int NonSquare { get; private set; }

    /// <summary>Images whose header passes the check but whose size was not found in its first bytes.</summary>
    public int SizeUnknown { get; private set; }

    /// <summary>Bytes of every image file (train, test and validation).</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Warnings about the classes: too few images in a split, no test images, a test share far from the training share, an imbalanced training set.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>Time to list the folder and read every header.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Opens the folder as <c>run</c> would (<see cref="ImageFolderDataset.Open"/>) and reads every image's header.</summary>
    /// <exception cref="Infrastructure.InvalidDatasetException">The folder is not a valid data set (e.g. one class only).</exception>
    public static ImageFolderReport Build(string root, double testFraction, int splitSeed, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var report = new ImageFolderReport(ImageFolderDataset.Open(root, testFraction, splitSeed));
        report.ReadHeaders(cancellation);
        report.Warnings = report.ClassWarnings();
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private IEnumerable<(string Name, IReadOnlyList<ImageFile> Files)> Splits()
    {
        yield return ("train", Dataset.Train);
        yield return ("test", Dataset.Test);
        if (Dataset.Validation is { } validation) yield return ("val", validation);
    }

    private void ReadHeaders(CancellationToken cancellation)
    {
        var files = Splits().SelectMany(s => s.Files).ToArray();
        var problems = new string?[files.Length];
        var formats = new string?[files.Length];
        var sizes = new (int Width, int Height)?[files.Length];
        // Ranges rather than single files: one header buffer per range, and little scheduling for many small files.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation };
        if (files.Length > 0)
        {
            Parallel.ForEach(Partitioner.Create(0, files.Length, Math.Max(16, files.Length / (8 * Environment.ProcessorCount) + 1)), parallel, range =>
            {
                var buffer = new byte[ImageHeader.HeadBytes];
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    int read;
                    try
                    {
                        read = ImageHeader.ReadHead(files[i].Path, buffer);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        problems[i] = $"it cannot be read: {e.Message}";
                        continue;
                    }
                    var head = buffer.AsSpan(0, read);
                    problems[i] = ImageFileCheck.Problem(head);
                    formats[i] = ImageFileCheck.FormatOf(head);
                    if (problems[i] is null) sizes[i] = ImageHeader.TryReadSize(head);
                }
            });
        }

        Problems = Enumerable.Range(0, files.Length).Where(i => problems[i] is not null)
            .Select(i => (Relative(files[i].Path), problems[i]!)).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
        Formats = formats.OfType<string>().GroupBy(f => f).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();
        ExtensionMismatches = Enumerable.Range(0, files.Length).Count(i => formats[i] is { } format && format != FormatOfExtension(files[i].Path));
        TotalBytes = files.Sum(f => f.Length);

        var known = Enumerable.Range(0, files.Length).Where(i => problems[i] is null && sizes[i] is { Width: > 0, Height: > 0 })
            .Select(i => sizes[i]!.Value).ToList();
        Sized = known.Count;
        SizeUnknown = Enumerable.Range(0, files.Length).Count(i => problems[i] is null) - known.Count;
        SizeRange = known.Count == 0 ? default : (known.Min(s => s.Width), known.Max(s => s.Width), known.Min(s => s.Height), known.Max(s => s.Height));
        NonSquare = known.Count(s => s.Width != s.Height);
        CommonSizes = known.GroupBy(s => s).OrderByDescending(g => g.Count()).ThenByDescending(g => (long)g.Key.Width * g.Key.Height)
            .ThenByDescending(g => g.Key.Width).Take(CommonSizesShown).Select(g => (g.Key.Width, g.Key.Height, g.Count())).ToList();
    }

    private static string FormatOfExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "PNG",
        ".jpg" or ".jpeg" => "JPEG",
        _ => "BMP",
    };

    private List<string> ClassWarnings()
    {
        var warnings = new List<string>();
        var names = Dataset.ClassNames;
        var counts = Splits().Select(s => (s.Name, Counts: Dataset.CountsPerClass(s.Files))).ToList();

        var few = Enumerable.Range(0, names.Count)
            .Select(c => (Class: names[c], Small: counts.Where(s => s.Counts[c] > 0 && s.Counts[c] < FewImages).Select(s => $"{s.Name} {s.Counts[c]}").ToList()))
            .Where(c => c.Small.Count > 0).ToList();
        if (few.Count > 0)
            warnings.Add($"{few.Count} class(es) with fewer than {FewImages} images in a split: " +
                         Listed(few.Select(c => $"{c.Class} ({string.Join(", ", c.Small)})"), ProblemsListed));

        var train = counts[0].Counts;
        var test = counts[1].Counts;
        var untested = Enumerable.Range(0, names.Count).Where(c => test[c] == 0).Select(c => names[c]).ToList();
        if (untested.Count > 0)
            warnings.Add($"{untested.Count} class(es) with no test images (their accuracy is not measured): {Listed(untested, ProblemsListed)}");

        long trainTotal = train.Sum(), testTotal = test.Sum();
        if (testTotal > 0)
        {
            var skewed = Enumerable.Range(0, names.Count).Where(c => test[c] > 0)
                .Select(c => (Class: names[c], Train: (double)train[c] / trainTotal, Test: (double)test[c] / testTotal))
                .Where(c => c.Test >= ShareRatio * c.Train || c.Train >= ShareRatio * c.Test).ToList();
            if (skewed.Count > 0)
                warnings.Add($"{skewed.Count} class(es) whose share of the test set is {ShareRatio:0}x above or below their share of the training set " +
                             "(test accuracy then weighs classes unlike training): " +
                             Listed(skewed.Select(c => $"{c.Class} ({c.Train:P0} of train, {c.Test:P0} of test)"), ProblemsListed));
        }

        int smallest = train.Min(), largest = train.Max();
        if (smallest > 0 && largest >= ShareRatio * smallest)
            warnings.Add($"imbalanced training set: {largest / (double)smallest:0.0}x between the largest class ({names[Array.IndexOf(train, largest)]}, {largest}) " +
                         $"and the smallest ({names[Array.IndexOf(train, smallest)]}, {smallest})");
        return warnings;
    }

    private static string Readable(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.0} GiB" : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.0} MiB" : $"{bytes / 1024.0:0.0} KiB";

    private string Relative(string path) => Path.GetRelativePath(Dataset.Root, path);

    private static string Listed(IEnumerable<string> items, int shown)
    {
        var all = items.ToList();
        return string.Join(", ", all.Take(shown)) + (all.Count > shown ? $", … ({all.Count - shown} more)" : "");
    }

    /// <summary>Writes the report as <c>data info</c> prints it.</summary>
    public void Write(TextWriter output)
    {
        var splits = Splits().ToList();
        output.WriteLine($"image folder {Dataset.Root}");
        output.WriteLine(Dataset.Layout == ImageFolderLayout.Split
            ? $"layout: split ({string.Join(", ", splits.Select(s => s.Name + "/"))} each holding class folders)"
            : $"layout: flat (<class>/ folders), split by run into train and test: test fraction {Dataset.TestFraction:0.###}, split seed {Dataset.SplitSeed} " +
              "(stratified; --test-fraction, --split-seed)");
        output.WriteLine($"classes: {Dataset.ClassNames.Count}");

        output.WriteLine();
        int width = Math.Max(12, Dataset.ClassNames.Max(n => n.Length));
        var counts = splits.Select(s => Dataset.CountsPerClass(s.Files)).ToList();
        output.WriteLine($"{"class".PadRight(width)} " + string.Join(" ", splits.Select(s => $"{s.Name,7}")));
        for (int c = 0; c < Dataset.ClassNames.Count; c++)
            output.WriteLine($"{Dataset.ClassNames[c].PadRight(width)} " + string.Join(" ", counts.Select(k => $"{k[c],7}")));
        output.WriteLine($"{"total".PadRight(width)} " + string.Join(" ", splits.Select(s => $"{s.Files.Count,7}")));

        output.WriteLine();
        int images = splits.Sum(s => s.Files.Count);
        output.WriteLine($"files: {images:N0} images, {TotalBytes:N0} bytes ({Readable(TotalBytes)})");
        output.WriteLine("formats (by header): " + (Formats.Count == 0 ? "none recognised" : string.Join(", ", Formats.Select(f => $"{f.Format} {f.Count:N0}"))) +
                         (images - Formats.Sum(f => f.Count) is > 0 and var unknown ? $"; {unknown:N0} unrecognised" : "") +
                         (ExtensionMismatches > 0 ? $"; {ExtensionMismatches:N0} whose extension names another format (read by content)" : ""));
        if (Sized > 0)
        {
            var (minWidth, maxWidth, minHeight, maxHeight) = SizeRange;
            output.WriteLine($"sizes (by header, {Sized:N0} images): width {minWidth}-{maxWidth}, height {minHeight}-{maxHeight}; " +
                             $"{NonSquare:N0} non-square");
            output.WriteLine("most common sizes: " + string.Join(", ", CommonSizes.Select(s => $"{s.Width}x{s.Height} ({s.Count:N0})")));
        }
        else output.WriteLine("sizes (by header): none found");
        if (SizeUnknown > 0) output.WriteLine($"{SizeUnknown:N0} image(s) with no size in their first {ImageHeader.HeadBytes / 1024} KB (left out of the sizes)");

        output.WriteLine();
        bool any = Problems.Count > 0 || Dataset.IgnoredFiles.Count > 0 || Warnings.Count > 0;
        output.WriteLine(any ? "problems:" : "problems: none found");
        if (Problems.Count > 0)
        {
            output.WriteLine($"  {Problems.Count:N0} file(s) whose header check fails (run refuses them; --skip-bad-images leaves them out):");
            foreach (var (file, problem) in Problems.Take(ProblemsListed)) output.WriteLine($"    {file}: {problem}");
            if (Problems.Count > ProblemsListed) output.WriteLine($"    … and {Problems.Count - ProblemsListed:N0} more");
        }
        if (Dataset.IgnoredFiles.Count > 0)
            output.WriteLine($"  {Dataset.IgnoredFiles.Count:N0} non-image file(s) ignored (extensions other than {string.Join(" ", ImageFileCheck.Extensions)}): " +
                             Listed(Dataset.IgnoredFiles, IgnoredListed));
        foreach (var warning in Warnings) output.WriteLine($"  warning: {warning}");
        output.WriteLine("Only headers were read: whether each image decodes is checked when run caches its pixels.");

        output.WriteLine();
        output.WriteLine($"listed and headers read in {Elapsed.TotalSeconds:0.00} s");
    }
}

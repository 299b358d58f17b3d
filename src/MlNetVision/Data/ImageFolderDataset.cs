using System.Security.Cryptography;
using System.Text;
using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>
/// An image data set on disk, in either <see cref="ImageFolderLayout"/>. Class names are the class folders' names in
/// ordinal (byte-wise, case-sensitive) order; every image file below a class folder (sub-folders included) belongs to
/// it. Files without an image extension (<c>.png .jpg .jpeg .bmp</c>) are ignored and listed in
/// <see cref="IgnoredFiles"/>; whether an image decodes is checked when its pixels are cached
/// (<see cref="PixelCache"/>). Nothing here decodes an image.
/// </summary>
public sealed class ImageFolderDataset
{
    /// <summary>The default share of a flat folder's images held out for testing.</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>The split folders of <see cref="ImageFolderLayout.Split"/>.</summary>
    public static readonly IReadOnlyList<string> TrainFolderNames = ["train"], TestFolderNames = ["test"], ValidationFolderNames = ["val", "validation"];

    private ImageFolderDataset(string root, ImageFolderLayout layout, IReadOnlyList<string> classNames, IReadOnlyList<ImageFile> train,
        IReadOnlyList<ImageFile> test, IReadOnlyList<ImageFile>? validation, IReadOnlyList<string> ignored, double? testFraction, int splitSeed)
    {
        Root = root;
        Layout = layout;
        ClassNames = classNames;
        Train = train;
        Test = test;
        Validation = validation;
        IgnoredFiles = ignored;
        TestFraction = testFraction;
        SplitSeed = splitSeed;
        FileListHash = HashOf(Lines(train, "train").Concat(Lines(test, "test")).Concat(Lines(validation ?? [], "val")));
        TestListHash = HashOf(Lines(test, null));
    }

    /// <summary>The folder, full path.</summary>
    public string Root { get; }

    /// <summary>The layout found.</summary>
    public ImageFolderLayout Layout { get; }

    /// <summary>Class names by index (ordinal order of the folder names).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Training images.</summary>
    public IReadOnlyList<ImageFile> Train { get; }

    /// <summary>Test images.</summary>
    public IReadOnlyList<ImageFile> Test { get; }

    /// <summary>Validation images (<c>DIR/val</c>), or null.</summary>
    public IReadOnlyList<ImageFile>? Validation { get; }

    /// <summary>Files that are not images by their extension (relative paths), ignored.</summary>
    public IReadOnlyList<string> IgnoredFiles { get; }

    /// <summary>For <see cref="ImageFolderLayout.Flat"/>: the share held out for testing; else null.</summary>
    public double? TestFraction { get; }

    /// <summary>For <see cref="ImageFolderLayout.Flat"/>: the seed of the stratified split.</summary>
    public int SplitSeed { get; }

    /// <summary>SHA-256 (hex) of every file's relative path and split, so a report shows which files a run used.</summary>
    public string FileListHash { get; }

    /// <summary>SHA-256 (hex) of the test files' relative paths: equal hashes, equal test sets.</summary>
    public string TestListHash { get; }

    /// <summary>Whether <paramref name="folder"/> holds class folders or split folders (not whether they are valid).</summary>
    public static bool LooksLikeImageFolder(string folder) => Directory.Exists(folder) && Directory.EnumerateDirectories(folder).Any();

    /// <summary>Lists and checks the data set under <paramref name="root"/>.</summary>
    /// <param name="root">The folder.</param>
    /// <param name="testFraction">For a flat folder, the share of each class held out for testing (0 to 1, exclusive).</param>
    /// <param name="splitSeed">For a flat folder, the seed of the split (kept apart from the training seed so that runs with
    /// different seeds test on the same images).</param>
    /// <exception cref="InvalidDatasetException">Missing or empty folder, fewer than two classes, an empty class, class names
    /// equal but for case, a test or validation class missing from training.</exception>
    public static ImageFolderDataset Open(string root, double testFraction = DefaultTestFraction, int splitSeed = 0)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new InvalidDatasetException($"Image folder not found: {root}");
        if (!(testFraction > 0 && testFraction < 1)) throw new MlNetVisionException($"The test fraction must be between 0 and 1 (exclusive); got {testFraction}.");
        var ignored = new List<string>();
        var train = FindSplit(root, TrainFolderNames);
        var test = FindSplit(root, TestFolderNames);
        if (train is not null || test is not null)
        {
            if (train is null || test is null)
                throw new InvalidDatasetException($"{root} has a '{(train is null ? "test" : "train")}' folder but no '{(train is null ? "train" : "test")}' folder: " +
                                                  "a split data set needs both (train/<class>/*, test/<class>/*); a flat one has only class folders.");
            var classes = ClassFolders(train);
            var names = classes.Select(Path.GetFileName).ToList()!;
            var trainFiles = ReadClasses(root, train, names!, ignored, "train");
            var testFiles = ReadClasses(root, test, names!, ignored, "test");
            var val = FindSplit(root, ValidationFolderNames);
            var valFiles = val is null ? null : ReadClasses(root, val, names!, ignored, Path.GetFileName(val));
            return new ImageFolderDataset(root, ImageFolderLayout.Split, names!, trainFiles, testFiles, valFiles, ignored, null, splitSeed);
        }
        var flatNames = ClassFolders(root).Select(Path.GetFileName).ToList();
        var all = ReadClasses(root, root, flatNames!, ignored, null);
        var chosen = StratifiedSampling.Indices(all.Select(f => f.Label).ToList(), flatNames.Count, (int)Math.Round(all.Count * testFraction), splitSeed);
        var kept = StratifiedSampling.Complement(all.Count, chosen);
        var trainCounts = new int[flatNames.Count];
        foreach (var i in kept) trainCounts[all[i].Label]++;
        if (Enumerable.Range(0, flatNames.Count).FirstOrDefault(c => trainCounts[c] == 0, -1) is var empty and >= 0)
            throw new InvalidDatasetException($"Class '{flatNames[empty]}' has {all.Count(f => f.Label == empty)} image(s), all of them drawn for testing by the " +
                                              $"test fraction {testFraction}: add images to it or lower --test-fraction.");
        return new ImageFolderDataset(root, ImageFolderLayout.Flat, flatNames!, kept.Select(i => all[i]).ToList(), chosen.Select(i => all[i]).ToList(),
            null, ignored, testFraction, splitSeed);
    }

    /// <summary>Images per class in <paramref name="files"/>, by class index.</summary>
    public int[] CountsPerClass(IReadOnlyList<ImageFile> files)
    {
        var counts = new int[ClassNames.Count];
        foreach (var file in files) counts[file.Label]++;
        return counts;
    }

    private static string? FindSplit(string root, IReadOnlyList<string> names) =>
        Directory.GetDirectories(root).Where(d => names.Contains(Path.GetFileName(d), StringComparer.OrdinalIgnoreCase))
            .OrderBy(d => d, StringComparer.Ordinal).FirstOrDefault();

    private static List<string> ClassFolders(string folder)
    {
        var classes = Directory.GetDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.'))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
            throw new InvalidDatasetException($"{folder} has no class folders: expected {folder}/<class>/<image>.png|jpg (or train/ and test/ folders holding class folders).");
        if (classes.Count == 1)
            throw new InvalidDatasetException($"{folder} has one class folder ({Path.GetFileName(classes[0])}); a classifier needs at least two classes.");
        var clash = classes.GroupBy(d => Path.GetFileName(d).ToUpperInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidDatasetException($"{folder} has class folders whose names differ only in case ({string.Join(", ", clash.Select(Path.GetFileName))}); " +
                                              "rename or merge them: they would be one class on Windows and macOS.");
        return classes;
    }

    private static List<ImageFile> ReadClasses(string root, string splitFolder, IReadOnlyList<string> classNames, List<string> ignored, string? split)
    {
        var present = ClassFolders(splitFolder);
        var files = new List<ImageFile>();
        foreach (var folder in present)
        {
            var name = Path.GetFileName(folder);
            int label = IndexOf(classNames, name);
            if (label < 0)
                throw new InvalidDatasetException($"Class '{name}' is in {split} ({folder}) but not in train; every {split} class needs training images. " +
                                                  $"Training classes: {string.Join(", ", classNames)}.");
            int before = files.Count;
            foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                if (!ImageFileCheck.HasImageExtension(path))
                {
                    ignored.Add(Path.GetRelativePath(root, path));
                    continue;
                }
                var info = new FileInfo(path);
                files.Add(new ImageFile(path, label, info.Length, info.LastWriteTimeUtc));
            }
            if (files.Count == before)
                throw new InvalidDatasetException($"Class folder {folder} has no images ({string.Join(" ", ImageFileCheck.Extensions)}).");
        }
        ignored.AddRange(Directory.GetFiles(splitFolder).Select(f => Path.GetRelativePath(root, f)));
        return files;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }

    /// <summary>Each file's relative path with '/', after its split when given (a flat folder's paths do not show the split).</summary>
    private IEnumerable<string> Lines(IEnumerable<ImageFile> files, string? split) =>
        files.Select(f => (split is null ? "" : split + ":") + Path.GetRelativePath(Root, f.Path).Replace('\\', '/'));

    private static string HashOf(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }
}

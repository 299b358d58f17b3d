using MlNetVision.Data;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// Finds a run's data from <c>--data</c>: the CIFAR-10 binary folder (downloaded when absent, as before), or an image folder
/// in either <see cref="ImageFolderLayout"/>, cached at the run's image size. Limits apply after loading.
/// </summary>
/// <param name="log">Progress lines.</param>
public sealed class RunDataLoader(TextWriter log)
{
    /// <summary>How many ignored or skipped file names a report keeps.</summary>
    public const int NamesKept = 10;

    /// <summary>
    /// The image folder <c>--data</c> names (full path), or null when it names CIFAR-10: no <c>--data</c> (the default
    /// location holds CIFAR-10), a folder holding CIFAR-10's binary files (or its parent), or a folder without sub-folders.
    /// </summary>
    public static string? ImageFolderRoot(string? dataOption) =>
        dataOption is { } data && !Cifar10Downloader.IsPresent(DataLocation.Cifar10Folder(data)) && ImageFolderDataset.LooksLikeImageFolder(data)
            ? Path.GetFullPath(data)
            : null;

    /// <summary>The error for <c>--test-fraction</c> or <c>--split-seed</c> given with CIFAR-10.</summary>
    public const string SplitOptionsNeedAFlatFolder =
        "--test-fraction and --split-seed apply to a flat image folder (DIR/<class>/*); CIFAR-10 has its own test set.";

    /// <summary>Loads the data <paramref name="settings"/> name for <paramref name="experiment"/>.</summary>
    public RunData Load(Experiment experiment, RunSettings settings, int seed, CancellationToken cancellation = default)
    {
        if (ImageFolderRoot(settings.Data) is { } root)
            return LoadFolder(experiment, settings, seed, root, cancellation);
        if (settings.TestFraction is not null || settings.SplitSeed is not null)
            throw new MlNetVisionException(SplitOptionsNeedAFlatFolder);
        var folder = Cifar10Dataset.EnsureAvailable(settings.Data, log);
        var (train, test) = Cifar10Dataset.Load(folder);
        int size = settings.ImageSize ?? experiment.PipelineImageSize;
        var description = new DatasetInfo("cifar10", folder, 0, 0, 0, RunReportBuilder.Checksums(folder))
        {
            Source = "cifar10-binary", ClassCount = train.ClassNames.Count, ImageSize = size,
        };
        var sources = Enumerable.Range(0, test.Count).Select(i => $"{Cifar10Format.TestFile}#{i}").ToList();
        return new RunData(Limit(train, settings.LimitTrain, settings.Stratified, seed), Limit(test, settings.LimitTest, settings.Stratified, seed), null,
            size, description, [], LimitSources(sources, test, settings.LimitTest, settings.Stratified, seed));
    }

    private RunData LoadFolder(Experiment experiment, RunSettings settings, int seed, string root, CancellationToken cancellation)
    {
        var dataset = ImageFolderDataset.Open(root, settings.TestFraction ?? ImageFolderDataset.DefaultTestFraction, settings.SplitSeed ?? 0);
        int size = settings.ImageSize ?? experiment.FolderImageSize;
        log.WriteLine($"{root}: {dataset.Layout.ToString().ToLowerInvariant()} image folder, {dataset.ClassNames.Count} classes, " +
                      $"{dataset.Train.Count:N0} training, {dataset.Test.Count:N0} test" +
                      (dataset.Validation is { } v ? $", {v.Count:N0} validation" : "") + $" images; {size} px" +
                      (dataset.IgnoredFiles.Count > 0 ? $"; ignored {dataset.IgnoredFiles.Count} non-image file(s), e.g. {string.Join(", ", dataset.IgnoredFiles.Take(3))}" : ""));
        var options = new PixelCacheOptions { BadImages = settings.SkipBadImages ? BadImagePolicy.Skip : BadImagePolicy.Refuse };
        var owned = new List<IDisposable>();
        try
        {
            PixelCache Cache(string split, IReadOnlyList<ImageFile> files)
            {
                var cache = PixelCache.OpenOrBuild($"{root}:{split}", files, dataset.ClassNames, size, options, log, cancellation);
                owned.Add(cache);
                return cache;
            }
            var train = Cache("train", dataset.Train);
            var test = Cache("test", dataset.Test);
            var validation = dataset.Validation is { } files ? Cache("val", files) : null;
            var caches = owned.Cast<PixelCache>().ToList();
            var skipped = caches.SelectMany(c => c.Skipped).ToList();
            var description = new DatasetInfo(Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)), root, 0, 0, 0, [])
            {
                Source = "image-folder", Layout = dataset.Layout.ToString().ToLowerInvariant(), ClassCount = dataset.ClassNames.Count, ImageSize = size,
                FileListHash = dataset.FileListHash, TestListHash = dataset.TestListHash, TestFraction = dataset.TestFraction,
                SplitSeed = dataset.Layout == ImageFolderLayout.Flat ? dataset.SplitSeed : null,
                IgnoredFiles = dataset.IgnoredFiles.Count, IgnoredExamples = dataset.IgnoredFiles.Take(NamesKept).ToList(),
                SkippedImages = skipped.Count, SkippedExamples = skipped.Take(NamesKept).Select(b => ImageFileCheck.Describe(b.Path, b.Reason)).ToList(),
                Caches = caches.Select(c => new CacheInfo(c.PixelsPath, c.Reused, c.BuildSeconds)).ToList(),
            };
            var sources = CachedSources(root, dataset.Test, test);
            return new RunData(Limit(train, settings.LimitTrain, settings.Stratified, seed), Limit(test, settings.LimitTest, settings.Stratified, seed),
                validation, size, description, owned, LimitSources(sources, test, settings.LimitTest, settings.Stratified, seed));
        }
        catch
        {
            foreach (var cache in owned) cache.Dispose();
            throw;
        }
    }

    /// <summary>The paths, relative to <paramref name="root"/> with <c>/</c>, of the images <paramref name="cache"/> holds: the files in order, skipped ones left out.</summary>
    private static List<string> CachedSources(string root, IReadOnlyList<ImageFile> files, PixelCache cache)
    {
        var skipped = cache.Skipped.Select(b => b.Path).ToHashSet();
        var sources = files.Where(f => !skipped.Contains(f.Path)).Select(f => Path.GetRelativePath(root, f.Path).Replace(Path.DirectorySeparatorChar, '/')).ToList();
        if (sources.Count != cache.Count)
            throw new InvalidOperationException($"{cache.Name}: {sources.Count} source files for {cache.Count} cached images.");
        return sources;
    }

    /// <summary><paramref name="sources"/> limited the way <see cref="Limit"/> limits <paramref name="set"/>.</summary>
    private static IReadOnlyList<string> LimitSources(IReadOnlyList<string> sources, ILabeledImages set, int? limit, bool stratified, int seed) =>
        limit is not { } n || n >= set.Count ? sources
        : stratified ? StratifiedSampling.Indices(set.Labels, set.ClassNames.Count, n, seed).Select(i => sources[i]).ToList()
        : sources.Take(n).ToList();

    private static ILabeledImages Limit(ILabeledImages set, int? limit, bool stratified, int seed) =>
        limit is not { } n ? set : stratified ? set.SampleStratified(n, seed) : set.TakeFirst(n);
}

using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

/// <summary>Two builders of one fresh cache at once (concurrent sweep tasks on one image folder): one builds, the other waits and reads it whole.</summary>
public class PixelCacheConcurrencyTests
{
    private static readonly string[] Classes = ["a", "b"];

    private static IReadOnlyList<ImageFile> Files(TempFolder data)
    {
        ImageFolders.WriteClasses(data.Path, Classes, perClass: 12, seed: 5, minSize: 6, maxSize: 24);
        var dataset = ImageFolderDataset.Open(data.Path);
        return dataset.Train.Concat(dataset.Test).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    private static PixelCache Open(string folder, IReadOnlyList<ImageFile> files, TextWriter log) =>
        PixelCache.OpenOrBuild("tests:concurrent", files, Classes, 8, new PixelCacheOptions { Directory = folder, ShowProgress = false }, log);

    private static byte[] AllPixels(PixelCache cache)
    {
        var bytes = new byte[cache.Count * 3 * cache.Height * cache.Width];
        cache.CopyImages(Enumerable.Range(0, cache.Count).ToArray(), bytes);
        return bytes;
    }

    [Fact]
    public void OpenOrBuild_TwoAtOnceOnAFreshFolder_BuildsOnce_BothReadTheWholeCache()
    {
        using var data = new TempFolder();
        using var probe = new TempFolder();
        using var shared = new TempFolder();
        var files = Files(data);
        using (Open(probe.Path, files, TextWriter.Null)) { }
        var lockName = Path.GetFileName(Directory.GetFiles(probe.Path, "*.lock").Single());

        // hold the cache's lock so that both builders are waiting when it is released: they then race for it
        var logs = new[] { new StringWriter(), new StringWriter() };
        PixelCache?[] caches = new PixelCache?[2];
        Thread[] builders;
        using (CacheLock.Acquire(Path.Combine(shared.Path, lockName), TextWriter.Null, CancellationToken.None))
        {
            builders = Enumerable.Range(0, 2).Select(i => new Thread(() => caches[i] = Open(shared.Path, files, TextWriter.Synchronized(logs[i])))).ToArray();
            foreach (var builder in builders) builder.Start();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!logs.All(l => l.ToString().Contains("waiting for another process")) && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(20);
        }
        foreach (var builder in builders) Assert.True(builder.Join(TimeSpan.FromSeconds(60)));

        Assert.All(logs, l => Assert.Contains("waiting for another process", l.ToString()));
        Assert.Single(logs, l => l.ToString().Contains("cached 24 images"));
        Assert.Single(logs, l => l.ToString().Contains("using the pixel cache"));
        using var first = caches[0]!;
        using var second = caches[1]!;
        Assert.Equal([false, true], new[] { first.Reused, second.Reused }.Order());
        Assert.Equal(files.Count, first.Count);
        Assert.Equal(files.Count, second.Count);
        using var reference = Open(probe.Path, files, TextWriter.Null);
        Assert.Equal(AllPixels(reference), AllPixels(first));
        Assert.Equal(AllPixels(reference), AllPixels(second));
    }
}

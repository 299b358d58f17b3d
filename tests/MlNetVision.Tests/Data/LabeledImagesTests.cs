using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

/// <summary>Subsets of a disk cache stay index views; subsets of an in-memory set are copies; both give the same images.</summary>
public sealed class LabeledImagesTests : IDisposable
{
    private const int Size = 4;
    private readonly TempFolder _data = new();
    private readonly TempFolder _cacheFolder = new();
    private readonly PixelCache _cache;

    public LabeledImagesTests()
    {
        // 3 classes of 4, 6 and 8 images: stratified draws have distinct quotas.
        var classes = new[] { "a", "b", "c" };
        for (int c = 0; c < classes.Length; c++)
            ImageFolders.WriteClasses(Path.Combine(_data.Path, "all"), [classes[c]], perClass: 4 + 2 * c, seed: 10 + c, minSize: 4, maxSize: 9);
        var dataset = ImageFolderDataset.Open(Path.Combine(_data.Path, "all"));
        var files = dataset.Train.Concat(dataset.Test).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        _cache = PixelCache.OpenOrBuild("tests:labeled", files, dataset.ClassNames, Size,
            new PixelCacheOptions { Directory = _cacheFolder.Path, ShowProgress = false }, TextWriter.Null);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _data.Dispose();
        _cacheFolder.Dispose();
    }

    private static byte[] Bytes(ILabeledImages images)
    {
        var bytes = new byte[images.Count * 3 * images.Height * images.Width];
        images.CopyImages(Enumerable.Range(0, images.Count).ToArray(), bytes);
        return bytes;
    }

    /// <summary>The parent's rows that <paramref name="subset"/> holds, found by comparing images (all the test images differ).</summary>
    private static void AssertRowsOf(ILabeledImages parent, ILabeledImages subset, IReadOnlyList<int> rows)
    {
        Assert.Equal(rows.Count, subset.Count);
        Assert.Equal((parent.Height, parent.Width), (subset.Height, subset.Width));
        Assert.Equal(parent.ClassNames, subset.ClassNames);
        Assert.Equal(rows.Select(r => parent.Labels[r]), subset.Labels);
        var expected = new byte[rows.Count * 3 * Size * Size];
        parent.CopyImages(rows.ToArray(), expected);
        Assert.Equal(expected, Bytes(subset));
    }

    [Fact]
    public void TestImages_AreAllDifferent()
    {
        var bytes = Bytes(_cache);
        int imageBytes = 3 * Size * Size;
        var images = Enumerable.Range(0, _cache.Count).Select(i => Convert.ToHexString(bytes, i * imageBytes, imageBytes)).ToList();

        Assert.Equal(18, _cache.Count);
        Assert.Equal(images.Count, images.Distinct().Count());
        Assert.Equal(new[] { 4, 6, 8 }, _cache.CountsPerClass());
    }

    [Fact]
    public void LoadIntoMemory_EqualsTheCacheFile()
    {
        var set = _cache.LoadIntoMemory();

        Assert.Equal(File.ReadAllBytes(_cache.PixelsPath), set.Pixels);
        Assert.Equal(_cache.Labels, set.Labels);
        Assert.Equal(_cache.ClassNames, set.ClassNames);
        Assert.Equal("tests:labeled", set.Name);
        Assert.Same(set, set.LoadIntoMemory());
    }

    [Fact]
    public void TakeFirst_OnCache_IsAnIndexViewOfTheFirstImages()
    {
        var first = _cache.TakeFirst(5);

        Assert.IsNotType<ImageSet>(first);
        Assert.IsType<LabeledImagesSubset>(first);
        Assert.Equal("tests:labeled[:5]", first.Name);
        AssertRowsOf(_cache, first, [0, 1, 2, 3, 4]);
        Assert.Same(_cache, _cache.TakeFirst(_cache.Count));
    }

    [Fact]
    public void SampleStratified_OnCache_IsAnIndexViewKeepingClassShares()
    {
        var sample = _cache.SampleStratified(9, seed: 5);

        Assert.IsType<LabeledImagesSubset>(sample);
        Assert.Equal(new[] { 2, 3, 4 }, sample.CountsPerClass());
        AssertRowsOf(_cache, sample, StratifiedSampling.Indices(_cache.Labels, 3, 9, 5));
        Assert.Equal(Bytes(_cache.LoadIntoMemory().SampleStratified(9, seed: 5)), Bytes(sample));
    }

    [Fact]
    public void SplitOffStratified_OnCache_GivesDisjointIndexViewsCoveringEverything()
    {
        var (kept, heldOut) = _cache.SplitOffStratified(1.0 / 3, seed: 2);

        Assert.IsType<LabeledImagesSubset>(kept);
        Assert.IsType<LabeledImagesSubset>(heldOut);
        var chosen = StratifiedSampling.Indices(_cache.Labels, 3, 6, 2);
        AssertRowsOf(_cache, heldOut, chosen);
        AssertRowsOf(_cache, kept, StratifiedSampling.Complement(_cache.Count, chosen));
        Assert.Equal(new[] { 1, 2, 3 }, heldOut.CountsPerClass()); // 4/3, 6/3, 8/3 rounded by largest remainders to a total of 6
        var (memoryKept, memoryHeldOut) = _cache.LoadIntoMemory().SplitOffStratified(1.0 / 3, seed: 2);
        Assert.Equal(Bytes(memoryKept), Bytes(kept));
        Assert.Equal(Bytes(memoryHeldOut), Bytes(heldOut));
    }

    [Fact]
    public void SubsetOfSubset_MapsThroughBoth()
    {
        var outer = _cache.Subset([17, 3, 9, 0, 12], "outer");
        var inner = outer.Subset([4, 2, 2], "inner");

        Assert.IsType<LabeledImagesSubset>(inner);
        AssertRowsOf(_cache, inner, [12, 9, 9]);
        Assert.Equal(Bytes(_cache.LoadIntoMemory().Select([12, 9, 9])), Bytes(inner));
    }

    [Fact]
    public void Subsets_OnImageSet_AreImageSets()
    {
        var set = _cache.LoadIntoMemory();

        var first = set.TakeFirst(5);
        var sample = set.SampleStratified(9, seed: 5);
        var (kept, heldOut) = set.SplitOffStratified(1.0 / 3, seed: 2);

        Assert.IsType<ImageSet>(first);
        Assert.IsType<ImageSet>(sample);
        Assert.IsType<ImageSet>(kept);
        Assert.IsType<ImageSet>(heldOut);
        AssertRowsOf(set, first, [0, 1, 2, 3, 4]);
        AssertRowsOf(set, sample, StratifiedSampling.Indices(set.Labels, 3, 9, 5));
        Assert.Equal(_cache.Count, kept.Count + heldOut.Count);
        Assert.Equal(new[] { 3, 4, 5 }, kept.CountsPerClass());
    }

    [Fact]
    public void LoadIntoMemory_OfASubset_CopiesItsImages()
    {
        var subset = _cache.Subset([5, 1, 16], "picked");

        var set = subset.LoadIntoMemory();

        Assert.Equal("picked", set.Name);
        Assert.Equal(Bytes(subset), set.Pixels);
        Assert.Equal(new[] { _cache.Labels[5], _cache.Labels[1], _cache.Labels[16] }, set.Labels);
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class PixelCacheTests
{
    private const int Size = 8;
    private static readonly string[] Classes = ["a", "b"];

    private static PixelCacheOptions Options(TempFolder cache, BadImagePolicy policy = BadImagePolicy.Refuse) =>
        new() { Directory = cache.Path, ShowProgress = false, BadImages = policy };

    private static ImageFile FileOf(string path, int label)
    {
        var info = new FileInfo(path);
        return new ImageFile(info.FullName, label, info.Length, info.LastWriteTimeUtc);
    }

    /// <summary>The cache folder's files, lock files aside.</summary>
    private static string[] CacheFiles(TempFolder cache) =>
        Directory.GetFiles(cache.Path).Select(f => Path.GetFileName(f)).Where(n => !n.EndsWith(".lock")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Writes a non-square RGB gradient, so resizing and cropping show in every pixel.</summary>
    private static void Gradient(string path, int width, int height)
    {
        var rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int p = 4 * (y * width + x);
                rgba[p] = (byte)(x * 255 / (width - 1));
                rgba[p + 1] = (byte)(y * 255 / (height - 1));
                rgba[p + 2] = (byte)((x * 37 + y * 11) % 256);
                rgba[p + 3] = 255;
            }
        using var image = MLImage.CreateFromPixels(width, height, MLPixelFormat.Rgba32, rgba);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        image.Save(path);
    }

    /// <summary>A flat folder of two classes (mixed sizes), plus a wide and a tall gradient in class "a"; every file, in dataset order.</summary>
    private static IReadOnlyList<ImageFile> WriteImages(TempFolder data)
    {
        ImageFolders.WriteClasses(data.Path, Classes, perClass: 2, seed: 3, minSize: 6, maxSize: 20);
        Gradient(data.Combine("a", "wide.png"), 30, 12);
        Gradient(data.Combine("a", "tall.png"), 9, 25);
        return Listed(data);
    }

    private static IReadOnlyList<ImageFile> Listed(TempFolder data)
    {
        var dataset = ImageFolderDataset.Open(data.Path);
        return dataset.Train.Concat(dataset.Test).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    private static PixelCache Build(TempFolder cache, IReadOnlyList<ImageFile> files, int size = Size, BadImagePolicy policy = BadImagePolicy.Refuse,
        TextWriter? log = null, CancellationToken cancellation = default) =>
        PixelCache.OpenOrBuild("tests:set", files, Classes, size, Options(cache, policy), log ?? TextWriter.Null, cancellation);

    [Fact]
    public void OpenOrBuild_CachesExactlyWhatImagePreprocessingGives()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);

        using var cache = Build(cacheFolder, files);

        var expected = PreprocessedPixels.Of(files.Select(f => f.Path), Size);
        Assert.False(cache.Reused);
        Assert.Equal("tests:set", cache.Name);
        Assert.Equal(files.Count, cache.Count);
        Assert.Equal((Size, Size), (cache.Height, cache.Width));
        Assert.Equal(Classes, cache.ClassNames);
        Assert.Equal(files.Select(f => f.Label), cache.Labels);
        Assert.Empty(cache.Skipped);
        Assert.All(expected, e => Assert.Equal(3 * Size * Size, e.Length));
        Assert.Equal(expected, PreprocessedPixels.ReadAll(cache));
        Assert.Equal(files.Count * 3 * Size * Size, new FileInfo(cache.PixelsPath).Length);
        Assert.Equal(cacheFolder.Path, Path.GetDirectoryName(cache.PixelsPath));
    }

    [Fact]
    public void OpenOrBuild_NonSquareImage_IsCroppedNotSquashed()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        Gradient(data.Combine("a", "wide.png"), 30, 12);
        TinyPng.Write(data.Combine("b", "x.png"), 4, 4, 9, 9, 9);
        var files = Listed(data);

        using var cache = Build(cacheFolder, files);

        var ml = new MLContext(seed: 0);
        var view = ml.Data.LoadFromEnumerable(new[] { new PathRow { ImagePath = files[0].Path } });
        var squashed = ml.Transforms.LoadImages("Image", "", "ImagePath")
            .Append(ml.Transforms.ResizeImages("Image", Size, Size, "Image", ImageResizingEstimator.ResizingKind.Fill))
            .Append(ml.Transforms.ExtractPixels("Features", "Image"))
            .Fit(view).Transform(view).GetColumn<VBuffer<float>>("Features").Single().DenseValues().ToArray();
        var cached = PreprocessedPixels.Read(cache, 0)[0];
        Assert.Equal(PreprocessedPixels.Of([files[0].Path], Size)[0], cached);
        Assert.NotEqual(squashed, cached);
    }

    [Fact]
    public void OpenOrBuild_GreyAndRgbaPngs_CacheAsRgb()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        RawPng.Write(data.Combine("a", "grey.png"), 6, 4, colourType: 0, [77]);
        RawPng.Write(data.Combine("b", "rgba.png"), 5, 7, colourType: 6, [10, 200, 30, 255]);
        var files = Listed(data);

        using var cache = Build(cacheFolder, files);

        var pixels = PreprocessedPixels.ReadAll(cache);
        int plane = Size * Size;
        Assert.All(pixels[0], v => Assert.Equal(77f, v));
        Assert.All(pixels[1].Take(plane), v => Assert.Equal(10f, v));
        Assert.All(pixels[1].Skip(plane).Take(plane), v => Assert.Equal(200f, v));
        Assert.All(pixels[1].Skip(2 * plane), v => Assert.Equal(30f, v));
        Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), Size), pixels);
    }

    [Fact]
    public void OpenOrBuild_Again_ReusesWithoutRebuilding()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        string pixelsPath;
        double buildSeconds;
        using (var first = Build(cacheFolder, files))
        {
            pixelsPath = first.PixelsPath;
            buildSeconds = first.BuildSeconds;
        }
        var manifestPath = Path.ChangeExtension(pixelsPath, ".json");
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(pixelsPath, old);
        File.SetLastWriteTimeUtc(manifestPath, old);
        var log = new StringWriter();

        using var second = Build(cacheFolder, Listed(data), log: log);

        Assert.True(second.Reused);
        Assert.Equal(pixelsPath, second.PixelsPath);
        Assert.Equal(buildSeconds, second.BuildSeconds);
        Assert.Equal(old, File.GetLastWriteTimeUtc(pixelsPath));
        Assert.Equal(old, File.GetLastWriteTimeUtc(manifestPath));
        Assert.Contains("using the pixel cache", log.ToString());
        Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(second));
    }

    [Fact]
    public void OpenOrBuild_TouchedFile_Rebuilds()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        string pixelsPath;
        using (var first = Build(cacheFolder, files)) pixelsPath = first.PixelsPath;

        File.SetLastWriteTimeUtc(files[1].Path, files[1].LastWriteUtc.AddSeconds(-10));
        using var second = Build(cacheFolder, Listed(data));

        Assert.False(second.Reused);
        Assert.Equal(pixelsPath, second.PixelsPath);
        Assert.Equal(new[] { Path.GetFileName(Path.ChangeExtension(pixelsPath, ".json")), Path.GetFileName(pixelsPath) }, CacheFiles(cacheFolder));
        Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(second));
    }

    [Fact]
    public void OpenOrBuild_ChangedFileContent_Rebuilds()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        TinyPng.Write(data.Combine("a", "x.png"), 4, 4, 200, 0, 0);
        TinyPng.Write(data.Combine("b", "y.png"), 4, 4, 0, 0, 200);
        using (var first = Build(cacheFolder, Listed(data))) Assert.Equal(200f, PreprocessedPixels.Read(first, 0)[0][0]);

        TinyPng.Write(data.Combine("a", "x.png"), 5, 4, 0, 200, 0);
        using var second = Build(cacheFolder, Listed(data));

        Assert.False(second.Reused);
        Assert.Equal(0f, PreprocessedPixels.Read(second, 0)[0][0]);
    }

    [Fact]
    public void OpenOrBuild_OtherSize_BuildsItsOwnCacheAndKeepsTheFirst()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        string first;
        using (var cache = Build(cacheFolder, files)) first = cache.PixelsPath;

        using (var other = Build(cacheFolder, files, size: 12))
        {
            Assert.False(other.Reused);
            Assert.Equal((12, 12), (other.Height, other.Width));
            Assert.NotEqual(first, other.PixelsPath);
            Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), 12), PreprocessedPixels.ReadAll(other));
        }
        using var again = Build(cacheFolder, files);

        Assert.True(again.Reused);
        Assert.Equal(first, again.PixelsPath);
    }

    [Fact]
    public void OpenOrBuild_ChangedLabels_Rebuilds()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        using (Build(cacheFolder, files)) { }
        var relabelled = files.Select(f => f with { Label = 1 - f.Label }).ToList();

        using var cache = Build(cacheFolder, relabelled);

        Assert.False(cache.Reused);
        Assert.Equal(relabelled.Select(f => f.Label), cache.Labels);
    }

    private static (List<ImageFile> Files, string Garbage, string Text) WithBadImages(TempFolder data)
    {
        TinyPng.Write(data.Combine("a", "0.png"), 5, 6, 250, 10, 10);
        var garbage = data.Combine("a", "1-garbage.png");
        File.WriteAllBytes(garbage, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]]);
        TinyPng.Write(data.Combine("b", "2.png"), 7, 3, 10, 10, 250);
        var text = data.Combine("b", "3-text.png");
        File.WriteAllText(text, "this is not a picture");
        TinyPng.Write(data.Combine("a", "4.png"), 6, 6, 10, 250, 10);
        var files = new List<ImageFile>
        {
            FileOf(data.Combine("a", "0.png"), 0), FileOf(garbage, 0), FileOf(data.Combine("b", "2.png"), 1), FileOf(text, 1),
            FileOf(data.Combine("a", "4.png"), 0),
        };
        return (files, garbage, text);
    }

    [Fact]
    public void OpenOrBuild_BadImages_Refused_NamingThemAndLeavingNothing()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var (files, garbage, text) = WithBadImages(data);

        var error = Assert.Throws<InvalidDatasetException>(() => Build(cacheFolder, files));

        Assert.Contains("2 image file(s) cannot be read", error.Message);
        Assert.Contains($"{garbage} cannot be decoded", error.Message);
        Assert.Contains($"{text} cannot be decoded as an image (it is not a PNG, JPEG or BMP file", error.Message);
        Assert.DoesNotContain("0.png", error.Message);
        Assert.Empty(CacheFiles(cacheFolder));
    }

    [Fact]
    public void OpenOrBuild_BadImages_Skipped_ListedAndLeftOut()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var (files, garbage, text) = WithBadImages(data);
        var good = new[] { files[0], files[2], files[4] };

        using (var cache = Build(cacheFolder, files, policy: BadImagePolicy.Skip))
        {
            Assert.Equal(3, cache.Count);
            Assert.Equal(new[] { 0, 1, 0 }, cache.Labels);
            Assert.Equal(new[] { garbage, text }, cache.Skipped.Select(b => b.Path));
            Assert.Contains("Invalid input stream contents", cache.Skipped[0].Reason);   // the decoder's own reason
            Assert.StartsWith("it is not a PNG, JPEG or BMP file", cache.Skipped[1].Reason);
            Assert.Equal(PreprocessedPixels.Of(good.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(cache));
            Assert.Equal(3L * 3 * Size * Size, new FileInfo(cache.PixelsPath).Length);
        }
        using (var reused = Build(cacheFolder, files, policy: BadImagePolicy.Skip))
        {
            Assert.True(reused.Reused);
            Assert.Equal(new[] { garbage, text }, reused.Skipped.Select(b => b.Path));
        }
        var refused = Assert.Throws<InvalidDatasetException>(() => Build(cacheFolder, files));
        Assert.Contains(garbage, refused.Message);
        Assert.Contains(text, refused.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void OpenOrBuild_OneUndecodableImage_IsTheOnlyOneSkipped(int position)
    {
        // ML.NET decodes ahead on several threads; the failure must still be pinned on the right file.
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        ImageFolders.WriteClasses(data.Path, Classes, perClass: 3, seed: 8, minSize: 4, maxSize: 10);
        var good = Listed(data);
        var broken = data.Combine("a", "broken.png");
        File.WriteAllBytes(broken, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]]);
        var files = good.ToList();
        files.Insert(position, FileOf(broken, 0));

        using var cache = Build(cacheFolder, files, policy: BadImagePolicy.Skip);

        Assert.Equal(broken, Assert.Single(cache.Skipped).Path);
        Assert.Equal(good.Select(f => f.Label), cache.Labels);
        Assert.Equal(PreprocessedPixels.Of(good.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(cache));
    }

    [Fact]
    public void OpenOrBuild_NoReadableImage_ThrowsEvenWhenSkipping()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var (files, garbage, _) = WithBadImages(data);

        var error = Assert.Throws<InvalidDatasetException>(() => Build(cacheFolder, [files[1], files[3]], policy: BadImagePolicy.Skip));

        Assert.Contains("none of its 2 images could be read", error.Message);
        Assert.Contains(garbage, error.Message);
        Assert.Empty(CacheFiles(cacheFolder));
    }

    private static string KeyOf(PixelCache cache) => Path.ChangeExtension(cache.PixelsPath, null);

    [Fact]
    public void OpenOrBuild_LeftoverPartialWithoutManifest_IsNeverRead()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        string key;
        using (var first = Build(cacheFolder, files)) key = KeyOf(first);
        File.Delete(key + ".json");
        File.Move(key + ".pixels", key + ".pixels.partial");
        File.WriteAllBytes(key + ".pixels.partial", Enumerable.Repeat((byte)0xAB, files.Count * 3 * Size * Size).ToArray());

        using var cache = Build(cacheFolder, files);

        Assert.False(cache.Reused);
        Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(cache));
        Assert.False(File.Exists(key + ".pixels.partial"));
    }

    [Fact]
    public void OpenOrBuild_LeftoverPartialBesideACommittedCache_IsIgnored()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        string key;
        using (var first = Build(cacheFolder, files)) key = KeyOf(first);
        File.WriteAllBytes(key + ".pixels.partial", Enumerable.Repeat((byte)0xAB, files.Count * 3 * Size * Size).ToArray());

        using var cache = Build(cacheFolder, files);

        Assert.True(cache.Reused);
        Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(cache));
    }

    [Fact]
    public void OpenOrBuild_ManifestDeleted_Rebuilds()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        string key;
        using (var first = Build(cacheFolder, files)) key = KeyOf(first);
        File.Delete(key + ".json");
        File.WriteAllBytes(key + ".pixels", Enumerable.Repeat((byte)0xAB, files.Count * 3 * Size * Size).ToArray());

        using var cache = Build(cacheFolder, files);

        Assert.False(cache.Reused);
        Assert.True(File.Exists(key + ".json"));
        Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(cache));
    }

    [Theory]
    [InlineData("truncated pixels")]
    [InlineData("corrupt manifest")]
    public void OpenOrBuild_DamagedCache_Rebuilds(string damage)
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        string key;
        using (var first = Build(cacheFolder, files)) key = KeyOf(first);
        if (damage == "truncated pixels")
            using (var stream = File.OpenWrite(key + ".pixels")) stream.SetLength(stream.Length - 1);
        else
            File.WriteAllText(key + ".json", "{ not json");

        using var cache = Build(cacheFolder, files);

        Assert.False(cache.Reused);
        Assert.Equal(files.Count * 3L * Size * Size, new FileInfo(cache.PixelsPath).Length);
        Assert.Equal(PreprocessedPixels.Of(files.Select(f => f.Path), Size), PreprocessedPixels.ReadAll(cache));
    }

    [Fact]
    public void OpenOrBuild_DiskWithoutRoom_ThrowsMentioningFreeSpaceAndLeavesNothing()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        // 5,000 rows of 20,000 px squares: 6 TB, more than any test disk holds, so preallocating the cache fails at once. The
        // rows name a text file, so should preallocation ever succeed, the build refuses it without decoding anything.
        var text = data.Combine("a", "x.png");
        Directory.CreateDirectory(data.Combine("a"));
        File.WriteAllText(text, "not an image");
        var files = Enumerable.Repeat(FileOf(text, 0), 5_000).ToList();

        var error = Assert.Throws<InvalidDatasetException>(() =>
            PixelCache.OpenOrBuild("tests:huge", files, Classes, 20_000, Options(cacheFolder) with { Threads = 1 }, TextWriter.Null));

        Assert.Contains("GB pixel cache for tests:huge", error.Message);
        Assert.Contains("free there", error.Message);
        Assert.Empty(CacheFiles(cacheFolder));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(26_755)]
    [InlineData(1_000_000)]
    public void OpenOrBuild_ImpossibleSize_ThrowsBeforeWritingAnything(int size)
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data).Take(2).ToList();

        Assert.Throws<ArgumentOutOfRangeException>(() => Build(cacheFolder, files, size: size));

        Assert.Empty(Directory.GetFiles(cacheFolder.Path));
    }

    [Fact]
    public void OpenOrBuild_NoFiles_Throws()
    {
        using var cacheFolder = new TempFolder();

        var error = Assert.Throws<InvalidDatasetException>(() => Build(cacheFolder, []));

        Assert.Contains("tests:set has no images", error.Message);
    }

    [Fact]
    public void OpenOrBuild_Cancelled_ThrowsOperationCanceledAndCommitsNothing()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);

        Assert.ThrowsAny<OperationCanceledException>(() => Build(cacheFolder, files, cancellation: new CancellationToken(canceled: true)));

        Assert.Empty(CacheFiles(cacheFolder));
    }

    [Fact]
    public void CopyImages_AnyIndexOrder_ReturnsThoseImages()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        var files = WriteImages(data);
        using var cache = Build(cacheFolder, files);
        var expected = PreprocessedPixels.Of(files.Select(f => f.Path), Size);
        int[] order = [5, 0, 3, 3, 1, 5];

        var pixels = PreprocessedPixels.Read(cache, order);

        Assert.Equal(order.Select(i => expected[i]), pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.CopyImages([files.Count], new byte[3 * Size * Size]));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.CopyImages([-1], new byte[3 * Size * Size]));
    }

    [Fact]
    public void OverTemporaryFile_ReadsTheFileAndDeletesItOnDispose()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("tmp.pixels");
        var bytes = Enumerable.Range(0, 2 * 3 * 2 * 2).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(path, bytes);

        using (var cache = PixelCache.OverTemporaryFile(path, "tmp", 2, 2, Classes, [1, 0]))
        {
            var copy = new byte[12];
            cache.CopyImages([1], copy);
            Assert.Equal(bytes[12..], copy);
            Assert.Equal(new[] { 1, 0 }, cache.Labels);
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void CacheLock_HeldElsewhere_WaitsSayingSoUntilCancelled()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("x.lock");
        var log = new StringWriter();
        using (CacheLock.Acquire(path, log, CancellationToken.None))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => CacheLock.Acquire(path, log, new CancellationToken(canceled: true)));
            Assert.Contains($"waiting for another process to finish the pixel cache ({path})", log.ToString());
        }

        using var again = CacheLock.Acquire(path, log, new CancellationToken(canceled: true));
        Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}

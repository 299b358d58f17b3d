using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Export;
using MlNetVision.Experiments.Running;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

public class DataExportCommandTests
{
    private const int TrainImages = 5 * 4;
    private const int TestImages = 10;

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] ImageFiles(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The TinyCifar image number of an exported file: training images count from 0, test images from 1000.</summary>
    private static int SourceImage(string file, string root)
    {
        var split = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0];
        int index = int.Parse(Path.GetFileNameWithoutExtension(file).Split('-')[0]);
        return split == FolderExport.TrainFolder ? index : 1000 + index;
    }

    [Fact]
    public void Png_NoResize_EveryFileDecodesToTheOriginalPixelsInItsClassFolder()
    {
        using var temp = new TempFolder();
        var data = TinyCifar.Write(temp.Combine("cifar"));
        var outDir = temp.Combine("out");

        var (code, output, error) = Run("data", "export", "--data", data, "--to", outDir, "--format", "png", "--min-size", "32", "--max-size", "32");

        Assert.True(code == 0, error);
        Assert.Contains($"{TrainImages + TestImages} files", output);
        Assert.Contains("images/s", output);
        foreach (var split in new[] { "train", "test" })
            Assert.Equal(Cifar10Format.DefaultClassNames.Order(StringComparer.Ordinal),
                Directory.GetDirectories(Path.Combine(outDir, split)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["test", "train"], Directory.GetDirectories(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var files = ImageFiles(outDir);
        Assert.Equal(TrainImages, files.Count(f => f.Contains($"{Path.DirectorySeparatorChar}train{Path.DirectorySeparatorChar}")));
        Assert.Equal(TestImages, files.Count(f => f.Contains($"{Path.DirectorySeparatorChar}test{Path.DirectorySeparatorChar}")));
        Assert.Contains(Path.Combine(outDir, "train", "bird", "00012.png"), files);
        foreach (var file in files)
        {
            Assert.Matches(@"^\d{5}\.png$", Path.GetFileName(file));
            int image = SourceImage(file, outDir);
            Assert.Equal(Cifar10Format.DefaultClassNames[TinyCifar.Label(image)], Path.GetFileName(Path.GetDirectoryName(file)));
            using var decoded = MLImage.CreateFromFile(file);
            Assert.Equal((32, 32), (decoded.Width, decoded.Height));
            var pixels = decoded.Pixels;
            bool bgra = decoded.PixelFormat == MLPixelFormat.Bgra32;
            for (int p = 0; p < Cifar10Format.PlaneSize; p++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(TinyCifar.PixelValue(image, c, p), pixels[4 * p + (bgra ? 2 - c : c)]);
        }
    }

    [Fact]
    public void Jpeg_RandomSizes_StayInRangeVaryAndRepeatWithTheSeed()
    {
        using var temp = new TempFolder();
        var data = TinyCifar.Write(temp.Combine("cifar"));
        string[] Export(string name, int seed)
        {
            var (code, _, error) = Run("data", "export", "--data", data, "--to", temp.Combine(name), "--format", "jpg", "--quality", "85",
                "--min-size", "24", "--max-size", "40", "--seed", seed.ToString());
            Assert.True(code == 0, error);
            return ImageFiles(temp.Combine(name));
        }

        var first = Export("a", seed: 7);
        var second = Export("b", seed: 7);
        var otherSeed = Export("c", seed: 8);

        Assert.Equal(TrainImages + TestImages, first.Length);
        var sizes = first.Select(f =>
        {
            using var image = MLImage.CreateFromFile(f);
            return (image.Width, image.Height);
        }).ToList();
        Assert.All(sizes, s => Assert.InRange(s.Width, 24, 40));
        Assert.All(sizes, s => Assert.InRange(s.Height, 24, 40));
        Assert.Contains(sizes, s => s.Width != s.Height);
        Assert.True(sizes.Distinct().Count() > 5, "the sizes hardly vary");
        Assert.All(first, f => Assert.EndsWith(".jpg", f));
        Assert.Equal(first.Select(f => Path.GetRelativePath(temp.Combine("a"), f)), second.Select(f => Path.GetRelativePath(temp.Combine("b"), f)));
        for (int i = 0; i < first.Length; i++) Assert.Equal(File.ReadAllBytes(first[i]), File.ReadAllBytes(second[i]));
        Assert.Contains(Enumerable.Range(0, first.Length), i => !File.ReadAllBytes(first[i]).AsSpan().SequenceEqual(File.ReadAllBytes(otherSeed[i])));
    }

    [Fact]
    public void Repeat_WritesEachTrainingImageTwiceAndTestImagesOnce()
    {
        using var temp = new TempFolder();
        var data = TinyCifar.Write(temp.Combine("cifar"));
        var outDir = temp.Combine("out");

        var (code, output, error) = Run("data", "export", "--data", data, "--to", outDir, "--repeat", "2", "--limit-train", "10", "--limit-test", "5");

        Assert.True(code == 0, error);
        var train = ImageFiles(Path.Combine(outDir, "train")).Select(Path.GetFileName).ToList();
        var test = ImageFiles(Path.Combine(outDir, "test")).Select(Path.GetFileName).ToList();
        Assert.Equal(20, train.Count);
        Assert.Equal(5, test.Count);
        Assert.Contains("00003-0.png", train);
        Assert.Contains("00003-1.png", train);
        Assert.All(test, f => Assert.Matches(@"^\d{5}\.png$", f));
        Assert.Contains("25 files", output);
        Assert.Equal(5, Directory.GetDirectories(Path.Combine(outDir, "test")).Length);
    }

    [Fact]
    public void NonEmptyFolder_IsRefusedUnlessForced()
    {
        using var temp = new TempFolder();
        var data = TinyCifar.Write(temp.Combine("cifar"));
        var outDir = temp.Combine("out");
        Directory.CreateDirectory(Path.Combine(outDir, "train", "stale"));
        File.WriteAllText(Path.Combine(outDir, "train", "stale", "old.png"), "not an image");
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "kept");

        var refused = Run("data", "export", "--data", data, "--to", outDir);
        var forced = Run("data", "export", "--data", data, "--to", outDir, "--force");

        Assert.Equal(ExitCodes.UserError, refused.Code);
        Assert.Contains("not empty", refused.Error);
        Assert.True(forced.Code == 0, forced.Error);
        Assert.False(Directory.Exists(Path.Combine(outDir, "train", "stale")));
        Assert.True(File.Exists(Path.Combine(outDir, "notes.txt")));
        Assert.Empty(Directory.GetFiles(outDir, ".*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("--min-size", "40", "--max-size", "30")]
    [InlineData("--quality", "0")]
    [InlineData("--repeat", "0")]
    [InlineData("--format", "gif")]
    public void BadOption_ExitsWithUserError(params string[] options)
    {
        using var temp = new TempFolder();
        var data = TinyCifar.Write(temp.Combine("cifar"));

        var (code, _, error) = Run(["data", "export", "--data", data, "--to", temp.Combine("out"), .. options]);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.StartsWith("error:", error);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public void DrawSize_DependsOnlyOnSeedSplitIndexAndCopy()
    {
        var export = new FolderExport(new FolderExportOptions { MinSize = 24, MaxSize = 96, Seed = 3 });
        var again = new FolderExport(new FolderExportOptions { MinSize = 24, MaxSize = 96, Seed = 3 });

        Assert.Equal(export.DrawSize("train", 42, 1), again.DrawSize("train", 42, 1));
        var draws = Enumerable.Range(0, 200).Select(i => export.DrawSize("train", i, 0)).ToList();
        Assert.All(draws, d => Assert.InRange(d.Width, 24, 96));
        Assert.Contains(draws, d => d.Width == 24 || d.Height == 24);
        Assert.NotEqual(draws, Enumerable.Range(0, 200).Select(i => export.DrawSize("test", i, 0)).ToList());
    }

    [Fact]
    public void DrawSize_Square_KeepsWidthEqualToHeightOverTheRange()
    {
        var export = new FolderExport(new FolderExportOptions { MinSize = 24, MaxSize = 96, Seed = 3, Square = true });

        var draws = Enumerable.Range(0, 200).Select(i => export.DrawSize("train", i, 0)).ToList();

        Assert.All(draws, d => Assert.Equal(d.Width, d.Height));
        Assert.True(draws.Select(d => d.Width).Distinct().Count() > 20);
    }
}

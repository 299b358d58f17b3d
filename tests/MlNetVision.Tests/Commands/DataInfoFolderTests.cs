using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Export;
using MlNetVision.Experiments.Running;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

/// <summary><c>data info --data DIR</c> on image folders (<see cref="ImageFolderReport"/>), run in-process.</summary>
public class DataInfoFolderTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The table row of <paramref name="name"/>: its counts, one per split column.</summary>
    private static int[] Row(string output, string name)
    {
        var match = Regex.Match(output, $@"^{Regex.Escape(name)} +((?:\d+ *)+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no row '{name}' in:\n{output}");
        return match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
    }

    private static (int Width, int Height) DecodedSize(string file)
    {
        using var image = MLImage.CreateFromFile(file);
        return (image.Width, image.Height);
    }

    private static void WriteJpeg(string path, int width, int height)
    {
        var planar = Enumerable.Range(0, 3 * width * height).Select(i => (byte)(i * 7)).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, PlanarImageEncoder.Encode(planar, height, width, width, height, ExportImageFormat.Jpeg, 90));
    }

    /// <summary>A 24-bit BMP of one grey.</summary>
    private static void WriteBmp(string path, int width, int height)
    {
        int rowBytes = (3 * width + 3) / 4 * 4;
        var file = new byte[54 + rowBytes * height];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        file.AsSpan(54).Fill(128);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, file);
    }

    [Fact]
    public void SplitFolder_CountsPerClassAndSplit_SizesAndFormatsFromTheHeaders()
    {
        using var temp = new TempFolder();
        var root = temp.Combine("images");
        var classes = ImageFolders.ClassNames(3);
        ImageFolders.WriteSplit(root, classes, trainPerClass: 6, testPerClass: 5, seed: 11, validationPerClass: 4);
        WriteJpeg(Path.Combine(root, "train", "c000", "photo.jpg"), 50, 30);
        WriteBmp(Path.Combine(root, "test", "c002", "scan.bmp"), 7, 9);
        var sizes = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(DecodedSize).ToList();

        var (code, output, error) = Run("data", "info", "--data", root);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"image folder {Path.GetFullPath(root)}", output);
        Assert.Contains("layout: split (train/, test/, val/", output);
        Assert.Contains("classes: 3", output);
        Assert.Matches(@"(?m)^class +train +test +val$", output);
        Assert.Equal([7, 5, 4], Row(output, "c000"));
        Assert.Equal([6, 5, 4], Row(output, "c001"));
        Assert.Equal([6, 6, 4], Row(output, "c002"));
        Assert.Equal([19, 16, 12], Row(output, "total"));
        Assert.Equal(47, sizes.Count);
        Assert.Equal((7, 50), (sizes.Min(s => s.Width), sizes.Max(s => s.Width)));
        Assert.Contains($"sizes (by header, 47 images): width 7-50, height {sizes.Min(s => s.Height)}-{sizes.Max(s => s.Height)}; " +
                        $"{sizes.Count(s => s.Width != s.Height)} non-square", output);
        var common = sizes.GroupBy(s => s).Max(g => g.Count());
        Assert.Matches($@"most common sizes: \d+x\d+ \({common}\)", output);
        Assert.Contains("formats (by header): PNG 45, BMP 1, JPEG 1" + Environment.NewLine, output);
        long bytes = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.Contains($"files: 47 images, {bytes:N0} bytes", output);
        Assert.Contains("problems:", output);
        Assert.DoesNotContain("header check fails", output);
        Assert.Contains("whether each image decodes is checked when run caches its pixels", output);
        Assert.Matches(@"listed and headers read in \d+\.\d\d s", output);
    }

    [Fact]
    public void CorruptAndNonImageFiles_AreListedAsProblems_FirstTenAndACount()
    {
        using var temp = new TempFolder();
        var root = temp.Combine("images");
        ImageFolders.WriteClasses(root, ImageFolders.ClassNames(2), perClass: 6, seed: 3);
        File.WriteAllText(Path.Combine(root, "c000", "bad.png"), "not an image");
        File.WriteAllBytes(Path.Combine(root, "c001", "empty.jpg"), []);
        for (int i = 0; i < 10; i++) File.WriteAllBytes(Path.Combine(root, "c001", $"junk{i:00}.png"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        // A JPEG under a .png name is no problem: images are read by their content.
        WriteJpeg(Path.Combine(root, "c000", "really-a-jpeg.png"), 20, 20);
        File.WriteAllText(Path.Combine(root, "README.txt"), "about");
        for (int i = 0; i < 6; i++) File.WriteAllText(Path.Combine(root, "c000", $"notes{i}.txt"), "x");

        var (code, output, error) = Run("data", "info", "--data", root);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(6 + 2, Row(output, "c000").Sum());
        Assert.Equal(6 + 11, Row(output, "c001").Sum());
        Assert.Contains("12 file(s) whose header check fails", output);
        Assert.Contains($"{Path.Combine("c000", "bad.png")}: it is not a PNG, JPEG or BMP file: unrecognised header", output);
        Assert.Contains($"{Path.Combine("c001", "empty.jpg")}: it is empty, 0 bytes", output);
        Assert.Contains($"{Path.Combine("c001", "junk07.png")}: it is not a PNG", output);
        Assert.DoesNotContain("junk08.png", output);
        Assert.Contains("… and 2 more", output);
        Assert.Contains("formats (by header): PNG 12, JPEG 1; 12 unrecognised; 1 whose extension names another format", output);
        Assert.Contains("7 non-image file(s) ignored", output);
        Assert.Contains($"{Path.Combine("c000", "notes0.txt")}, {Path.Combine("c000", "notes1.txt")}", output);
        Assert.Contains("(2 more)", output);
        Assert.Contains("sizes (by header, 13 images)", output);
    }

    [Fact]
    public void FlatFolder_SplitsWithTheFractionAndSeedRunUses()
    {
        using var temp = new TempFolder();
        var root = temp.Combine("flat");
        var classes = ImageFolders.ClassNames(3);
        ImageFolders.WriteClasses(root, classes, perClass: 10, seed: 5, minSize: 16, maxSize: 24);

        var (code, output, error) = Run("data", "info", "--data", root, "--test-fraction", "0.3", "--split-seed", "7");
        var (defaultCode, defaultOutput, _) = Run("data", "info", "--data", root);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("layout: flat", output);
        Assert.Contains("test fraction 0.3, split seed 7", output);
        Assert.Matches(@"(?m)^class +train +test$", output);
        var dataset = ImageFolderDataset.Open(root, 0.3, 7);
        var train = dataset.CountsPerClass(dataset.Train);
        var test = dataset.CountsPerClass(dataset.Test);
        for (int c = 0; c < classes.Length; c++) Assert.Equal([train[c], test[c]], Row(output, classes[c]));
        Assert.Equal([21, 9], Row(output, "total"));
        Assert.Contains("formats (by header): PNG 30" + Environment.NewLine, output);
        var sizes = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(DecodedSize).ToList();
        Assert.Contains($"sizes (by header, 30 images): width {sizes.Min(s => s.Width)}-{sizes.Max(s => s.Width)}, " +
                        $"height {sizes.Min(s => s.Height)}-{sizes.Max(s => s.Height)}", output);
        Assert.All(sizes, s => Assert.InRange(s.Width, 16, 24));

        Assert.Equal(ExitCodes.Success, defaultCode);
        Assert.Contains("test fraction 0.2, split seed 0", defaultOutput);
        Assert.Equal([24, 6], Row(defaultOutput, "total"));
    }

    [Fact]
    public void SmallAndUnevenlyTestedClasses_AreWarnedAbout()
    {
        using var temp = new TempFolder();
        var root = temp.Combine("images");
        ImageFolders.WriteClasses(Path.Combine(root, "train"), ["ant"], perClass: 3, seed: 1);
        ImageFolders.WriteClasses(Path.Combine(root, "train"), ["bee", "cat"], perClass: 20, seed: 2);
        ImageFolders.WriteClasses(Path.Combine(root, "test"), ["ant", "bee", "cat"], perClass: 5, seed: 3);

        var (code, output, error) = Run("data", "info", "--data", root);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal([3, 5], Row(output, "ant"));
        Assert.Contains("warning: 1 class(es) with fewer than 5 images in a split: ant (train 3)", output);
        Assert.Contains("warning: 1 class(es) whose share of the test set is 2x above or below their share of the training set", output);
        Assert.Contains("ant (7 % of train, 33 % of test)", output);
        Assert.Contains("warning: imbalanced training set: 6.7x", output);
    }

    [Fact]
    public void OneClassFolder_IsAUserError()
    {
        using var temp = new TempFolder();
        var root = temp.Combine("one");
        ImageFolders.WriteClasses(root, ["only"], perClass: 3, seed: 1);

        var (code, output, error) = Run("data", "info", "--data", root);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains("one class folder (only)", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void OptionsThatDoNotFitTheData_AreUserErrors()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("images");
        ImageFolders.WriteClasses(folder, ImageFolders.ClassNames(2), perClass: 2, seed: 1);
        var cifar = TinyCifar.Write(temp.Combine("cifar"));

        var pixels = Run("data", "info", "--data", folder, "--pixels");
        var fraction = Run("data", "info", "--data", folder, "--test-fraction", "1.5");
        var splitOnCifar = Run("data", "info", "--data", cifar, "--split-seed", "3");
        var cifarInfo = Run("data", "info", "--data", cifar);

        Assert.Equal(ExitCodes.UserError, pixels.Code);
        Assert.Contains("error: --pixels", pixels.Error);
        Assert.Equal(ExitCodes.UserError, fraction.Code);
        Assert.Contains("--test-fraction must be between 0 and 1", fraction.Error);
        Assert.Equal(ExitCodes.UserError, splitOnCifar.Code);
        Assert.Contains("CIFAR-10 has its own test set", splitOnCifar.Error);
        Assert.True(cifarInfo.Code == ExitCodes.Success, cifarInfo.Error);
        Assert.Contains("CIFAR-10 (binary version)", cifarInfo.Output);
    }
}

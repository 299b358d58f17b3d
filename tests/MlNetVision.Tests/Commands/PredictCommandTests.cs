using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Commands;

[Trait("Category", "Slow")]
public class PredictCommandTests(TinyRunFixture run) : IClassFixture<TinyRunFixture>
{
    /// <summary>A PNG signature and the start of a header, then nothing: passes the header check, fails to decode.</summary>
    private static readonly byte[] CorruptPng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3];

    private (int Code, string[] Lines, string Error) Predict(params string[] paths)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(["predict", run.ModelPath, .. paths], output, error);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    [Fact]
    public void Folder_EveryImageInItAndItsSubfoldersInPathOrder_OtherFilesSkippedAndCounted()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("photos");
        TinyPng.Write(Path.Combine(folder, "b.png"), 8, 8, 200, 10, 10);
        TinyPng.Write(Path.Combine(folder, "A.PNG"), 8, 8, 10, 200, 10);
        TinyPng.Write(Path.Combine(folder, "sub", "deeper", "c.Jpg"), 8, 8, 10, 10, 200);
        TinyPng.Write(Path.Combine(folder, "sub", "d.jpeg"), 8, 8, 90, 90, 90);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");
        File.WriteAllText(Path.Combine(folder, "sub", "labels.csv"), "a,b");
        TinyPng.Write(temp.Combine("single.png"), 8, 8, 30, 60, 90);

        var (code, lines, error) = Predict(temp.Combine("single.png"), folder);

        Assert.True(code == 0, $"predict exited with {code}:\n{error}");
        Assert.Equal(
            [temp.Combine("single.png"), .. new[] { ["A.PNG"], ["b.png"], ["sub", "d.jpeg"], new[] { "sub", "deeper", "c.Jpg" } }.Select(n => Path.Combine([folder, .. n]))],
            lines.Select(l => l.Split('\t')[0]));
        Assert.All(lines, l => Assert.Matches(@"^[^\t]+\t\w+\t\d\.\d{4}$", l));
        Assert.Equal($"skipped 2 non-image files in {folder} (e.g. notes.txt, {Path.Combine("sub", "labels.csv")})", error.Trim());
    }

    [Fact]
    public void EmptyFolder_UserErrorNamingIt()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("empty");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "sub", "readme.md"), "no images here");

        var (code, lines, error) = Predict(folder);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Empty(lines);
        Assert.Contains($"error: {folder} has no images (.png, .jpg, .jpeg, .bmp) in it or its subfolders.", error);
    }

    [Fact]
    public void NotAnImage_UserErrorNamingTheFile()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 8, 8, 10, 20, 30);
        File.WriteAllText(temp.Combine("notes.png"), "meeting notes");

        var (code, lines, error) = Predict(temp.Combine("a.png"), temp.Combine("notes.png"));

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Empty(lines);
        Assert.Equal($"error: {temp.Combine("notes.png")} cannot be decoded as an image (it is not a PNG, JPEG or BMP file: unrecognised header)", error.Trim());
    }

    [Fact]
    public void CorruptImageInAFolder_UserErrorNamingTheFileAndTheDecoderReason()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 8, 8, 10, 20, 30);
        File.WriteAllBytes(temp.Combine("broken.png"), CorruptPng);

        var (code, _, error) = Predict(temp.Path);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.StartsWith($"error: {temp.Combine("broken.png")} cannot be decoded as an image (Invalid input stream contents", error.Trim());
    }

    [Fact]
    public void SkipBadImages_ClassifiesTheRestAndNamesEachSkippedFile()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 8, 8, 10, 20, 30);
        TinyPng.Write(temp.Combine("c.png"), 8, 8, 30, 20, 10);
        File.WriteAllBytes(temp.Combine("b.png"), CorruptPng);
        File.WriteAllText(temp.Combine("notes.jpg"), "not an image");
        RawPng.WriteHeaderOnly(temp.Combine("huge.bmp.png"), 20_000, 20_000);

        var (code, lines, error) = Predict("--skip-bad-images", temp.Path);

        Assert.True(code == 0, $"predict exited with {code}:\n{error}");
        Assert.Equal([temp.Combine("a.png"), temp.Combine("c.png")], lines.Select(l => l.Split('\t')[0]));
        var skipped = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, skipped.Length);
        Assert.StartsWith($"skipped {temp.Combine("b.png")}: Invalid input stream contents", skipped[0]);
        Assert.StartsWith($"skipped {temp.Combine("huge.bmp.png")}: it is 20000x20000 pixels", skipped[1]);
        Assert.Equal($"skipped {temp.Combine("notes.jpg")}: it is not a PNG, JPEG or BMP file: unrecognised header", skipped[2]);
    }

    [Fact]
    public void SkipBadImages_NoneClassified_UserError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("notes.png"), "not an image");

        var (code, lines, error) = Predict(temp.Combine("notes.png"), "--skip-bad-images");

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Empty(lines);
        Assert.Contains($"skipped {temp.Combine("notes.png")}: it is not a PNG", error);
        Assert.Contains("error: No image could be classified: all 1 were skipped.", error);
    }
}

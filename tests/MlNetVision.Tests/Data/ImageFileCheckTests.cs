using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class ImageFileCheckTests
{
    [Theory]
    [InlineData("a.png", true)]
    [InlineData("a.PNG", true)]
    [InlineData("dir.d/a.Jpeg", true)]
    [InlineData("a.jpg", true)]
    [InlineData("a.bmp", true)]
    [InlineData("a.gif", false)]
    [InlineData("a.png.txt", false)]
    [InlineData(".DS_Store", false)]
    [InlineData("png", false)]
    public void HasImageExtension_IsCaseInsensitiveOnTheLastExtension(string path, bool expected) =>
        Assert.Equal(expected, ImageFileCheck.HasImageExtension(path));

    [Fact]
    public void Problem_ReadableImages_HaveNone()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 5, 3, 1, 2, 3);
        File.WriteAllBytes(temp.Combine("b.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]);
        File.WriteAllBytes(temp.Combine("c.bmp"), [(byte)'B', (byte)'M', 0, 0]);

        Assert.Null(ImageFileCheck.Problem(temp.Combine("a.png")));
        Assert.Null(ImageFileCheck.Problem(temp.Combine("b.jpg")));
        Assert.Null(ImageFileCheck.Problem(temp.Combine("c.bmp")));
    }

    [Fact]
    public void Problem_EmptyFile_IsEmpty()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("a.png"), []);

        Assert.Equal("is empty (0 bytes)", ImageFileCheck.Problem(temp.Combine("a.png")));
    }

    [Fact]
    public void Problem_TextWithImageExtension_IsNotAnImage()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("a.png"), "this is not a picture");

        Assert.Contains("is not a PNG, JPEG or BMP image", ImageFileCheck.Problem(temp.Combine("a.png")));
    }

    [Fact]
    public void Problem_MissingFile_CannotBeRead()
    {
        using var temp = new TempFolder();

        Assert.StartsWith("cannot be read", ImageFileCheck.Problem(temp.Combine("gone.png")));
    }

    [Fact]
    public void Problem_TooManyPixels_NamesTheSize()
    {
        using var temp = new TempFolder();
        RawPng.WriteHeaderOnly(temp.Combine("huge.png"), 10_000, 5_000);
        RawPng.WriteHeaderOnly(temp.Combine("fine.png"), 5_000, 5_000);

        Assert.Contains("is 10000x5000 pixels", ImageFileCheck.Problem(temp.Combine("huge.png")));
        Assert.Null(ImageFileCheck.Problem(temp.Combine("fine.png")));
    }
}

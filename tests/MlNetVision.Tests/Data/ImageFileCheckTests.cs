using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class ImageFileCheckTests
{
    [Theory]
    [InlineData("a.png", true)]
    [InlineData("b.JPG", true)]
    [InlineData("c.Jpeg", true)]
    [InlineData("dir/d.BMP", true)]
    [InlineData("e.gif", false)]
    [InlineData("png", false)]
    [InlineData("f.png.txt", false)]
    public void HasImageExtension_AnyCase(string path, bool expected) =>
        Assert.Equal(expected, ImageFileCheck.HasImageExtension(path));

    [Fact]
    public void Problem_GoodPng_None()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("a.png"), 4, 4, 1, 2, 3);

        Assert.Null(ImageFileCheck.Problem(temp.Combine("a.png"), decode: true));
    }

    [Fact]
    public void Problem_ValidHeaderButCorrupt_OnlyFoundByDecoding()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("bad.png");
        File.WriteAllBytes(file, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3]);

        Assert.Null(ImageFileCheck.Problem(file, decode: false));
        Assert.NotNull(ImageFileCheck.Problem(file, decode: true));
    }

    [Fact]
    public void Problem_HugeHeader_RefusedWithoutDecoding()
    {
        using var temp = new TempFolder();
        RawPng.WriteHeaderOnly(temp.Combine("huge.png"), 10_000, 5_000);

        var problem = ImageFileCheck.Problem(temp.Combine("huge.png"), decode: false);

        Assert.Equal("it is 10000x5000 pixels, more than the 40 megapixels accepted; refused before decoding, shrink it first", problem);
    }

    [Fact]
    public void Problem_MissingFile_SaysItCannotBeRead()
    {
        using var temp = new TempFolder();

        Assert.StartsWith("it cannot be read: ", ImageFileCheck.Problem(temp.Combine("gone.png"), decode: false));
    }

    [Fact]
    public void Describe_NamesTheFileAndTheReason() =>
        Assert.Equal("/x/notes.png cannot be decoded as an image (it is empty, 0 bytes)", ImageFileCheck.Describe("/x/notes.png", "it is empty, 0 bytes"));
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class ImageFolderReaderTests
{
    [Fact]
    public void Read_ValidFolder_ListsImagesWithClassLabelsThroughLoadImages()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("cat", "a.png"), 8, 6, 255, 0, 0);
        TinyPng.Write(temp.Combine("dog", "b.png"), 8, 6, 0, 0, 255);
        File.WriteAllText(temp.Combine("dog", "notes.txt"), "ignored");

        var entries = ImageFolderReader.Read(temp.Path);
        var ml = new MLContext();
        var view = ImageFolderReader.ToDataView(ml, entries);
        var pixels = ml.Transforms.LoadImages("Image", imageFolder: null, ImageFolderReader.ImagePathColumn)
            .Append(ml.Transforms.ResizeImages("Image", 4, 4))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: 1f / 255));
        var features = pixels.Fit(view).Transform(view).GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();

        Assert.Equal(new[] { "cat", "dog" }, entries.Select(e => e.Label));
        Assert.Equal(new[] { "cat", "dog" }, ImageFolderReader.ClassNames(entries));
        Assert.Equal(1f, features[0][0], 3);   // red plane of the red image
        Assert.Equal(1f, features[1][32], 3);  // blue plane of the blue image
    }

    [Fact]
    public void Read_EmptyClassFolder_ThrowsNamingFolder()
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("cat", "a.png"), 4, 4, 1, 2, 3);
        Directory.CreateDirectory(temp.Combine("dog"));

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderReader.Read(temp.Path));

        Assert.Contains("dog", error.Message);
        Assert.Contains("has no images", error.Message);
    }

    [Theory]
    [InlineData(new byte[0], "is empty")]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, "is not a PNG, JPEG or BMP")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3 }, "cannot be decoded")]
    public void Read_UnreadableImage_ThrowsNamingFile(byte[] content, string expected)
    {
        using var temp = new TempFolder();
        TinyPng.Write(temp.Combine("cat", "a.png"), 4, 4, 1, 2, 3);
        File.WriteAllBytes(temp.Combine("cat", "broken.png"), content);

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderReader.Read(temp.Path));

        Assert.Contains("broken.png", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_NoClassFolders_Throws()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderReader.Read(temp.Path));

        Assert.Contains("no class folders", error.Message);
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class BadInputTests
{
    [Fact]
    public void ReadSplit_OversizedFile_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path);
        var file = temp.Combine(Cifar10Format.TestFile);
        using (var stream = File.Create(file)) stream.SetLength((long)Cifar10Format.RecordSize * (Cifar10Format.RecordsPerBatch + 1));

        var error = Assert.Throws<InvalidDatasetException>(() => Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test));

        Assert.Contains("test_batch.bin: 10,001 records, more than the 10,000", error.Message);
    }

    [Fact]
    public void ReadSplit_RandomFiles_ReadOrThrowOnlyClearErrors()
    {
        var random = new Random(7);
        for (int i = 0; i < 60; i++)
        {
            using var temp = new TempFolder();
            TinyCifar.Write(temp.Path, perTrainFile: 1, testRecords: 1);
            var bytes = new byte[i % 3 == 0 ? Cifar10Format.RecordSize * random.Next(1, 4) : random.Next(0, 20_000)];
            random.NextBytes(bytes);
            if (i % 6 == 0) for (int r = 0; r < bytes.Length; r += Cifar10Format.RecordSize) bytes[r] %= 10;
            File.WriteAllBytes(temp.Combine(Cifar10Format.TestFile), bytes);
            try
            {
                var set = Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test);
                Assert.Equal(bytes.Length / Cifar10Format.RecordSize, set.Count);
            }
            catch (InvalidDatasetException)
            {
                // the one acceptable failure
            }
        }
    }

    [Fact]
    public void ImageFolder_GrayscaleAndRgbaImages_AreAcceptedAsRgb()
    {
        using var temp = new TempFolder();
        RawPng.Write(temp.Combine("grey", "g.png"), 6, 6, colourType: 0, [128]);
        RawPng.Write(temp.Combine("rgba", "a.png"), 6, 6, colourType: 6, [255, 0, 0, 40]);

        var entries = ImageFolderReader.Read(temp.Path);
        var ml = new MLContext();
        var view = ImageFolderReader.ToDataView(ml, entries);
        var pixels = ml.Transforms.LoadImages("Image", null, ImageFolderReader.ImagePathColumn)
            .Append(ml.Transforms.ResizeImages("Image", 6, 6))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", scaleImage: 1f / 255)).Fit(view).Transform(view)
            .GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();

        Assert.Equal(2, entries.Count);
        Assert.Equal(3 * 36, pixels[0].Length);
        Assert.All(pixels[0], v => Assert.Equal(128 / 255f, v, 2));           // grey: R = G = B
        Assert.Equal(3 * 36, pixels[1].Length);                                  // RGBA: alpha dropped
    }

    [Fact]
    public void ImageFolder_HugeImage_RejectedBeforeDecoding()
    {
        using var temp = new TempFolder();
        RawPng.WriteHeaderOnly(temp.Combine("cat", "huge.png"), 20_000, 20_000);

        var error = Assert.Throws<InvalidDatasetException>(() => ImageFolderReader.Read(temp.Path));

        Assert.Contains("huge.png cannot be decoded as an image (it is 20000x20000 pixels", error.Message);
    }
}

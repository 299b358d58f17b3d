using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class Cifar10ReaderTests
{
    [Fact]
    public void ReadSplit_ValidFiles_RoundTripsPixelsAndLabelsInPlaneOrder()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path, perTrainFile: 3, testRecords: 7);

        var train = Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Train);
        var test = Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test);

        Assert.Equal(15, train.Count);
        Assert.Equal(7, test.Count);
        Assert.Equal(Cifar10Format.DefaultClassNames, train.ClassNames);
        for (int i = 0; i < train.Count; i++)
        {
            Assert.Equal(TinyCifar.Label(i), train.Labels[i]);
            var pixels = train.ImagePixels(i);
            Assert.Equal(TinyCifar.PixelValue(i, 0, 0), pixels[0]);
            Assert.Equal(TinyCifar.PixelValue(i, 1, 5), pixels[Cifar10Format.PlaneSize + 5]);
            Assert.Equal(TinyCifar.PixelValue(i, 2, 1023), pixels[2 * Cifar10Format.PlaneSize + 1023]);
        }
        Assert.Equal(TinyCifar.Record(1006).AsSpan(1).ToArray(), test.ImagePixels(6).ToArray());
    }

    [Fact]
    public void ReadSplit_TruncatedFile_ThrowsNamingFileAndRecord()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path, perTrainFile: 2);
        var file = temp.Combine("data_batch_3.bin");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..(Cifar10Format.RecordSize + 100)]);

        var error = Assert.Throws<InvalidDatasetException>(() => Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Train));

        Assert.Contains("data_batch_3.bin", error.Message);
        Assert.Contains("record 1 is cut off after 100 bytes", error.Message);
    }

    [Fact]
    public void ReadSplit_LabelAboveNine_ThrowsNamingFileAndRecord()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path, testRecords: 5);
        var file = temp.Combine(Cifar10Format.TestFile);
        var bytes = File.ReadAllBytes(file);
        bytes[3 * Cifar10Format.RecordSize] = 10;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<InvalidDatasetException>(() => Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test));

        Assert.Contains("test_batch.bin: record 3 has label byte 10", error.Message);
    }

    [Fact]
    public void ReadSplit_MissingBatchFile_ThrowsNamingFile()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path);
        File.Delete(temp.Combine("data_batch_4.bin"));

        var error = Assert.Throws<InvalidDatasetException>(() => Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Train));

        Assert.Contains("data_batch_4.bin", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void ReadSplit_EmptyFile_ThrowsNamingFile()
    {
        using var temp = new TempFolder();
        TinyCifar.Write(temp.Path);
        File.WriteAllBytes(temp.Combine(Cifar10Format.TestFile), []);

        var error = Assert.Throws<InvalidDatasetException>(() => Cifar10Reader.ReadSplit(temp.Path, DatasetSplit.Test));

        Assert.Contains("test_batch.bin: 0 bytes", error.Message);
    }

    [Fact]
    public void ReadClassNames_WrongCount_Throws()
    {
        using var temp = new TempFolder();
        File.WriteAllLines(temp.Combine(Cifar10Format.MetaFile), ["cat", "dog"]);

        var error = Assert.Throws<InvalidDatasetException>(() => Cifar10Reader.ReadClassNames(temp.Path));

        Assert.Contains("expected 10 distinct class names", error.Message);
    }
}

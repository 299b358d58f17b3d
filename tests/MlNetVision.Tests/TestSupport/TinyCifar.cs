using MlNetVision.Data;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Writes small, deterministic CIFAR-10-format files for tests.</summary>
public static class TinyCifar
{
    /// <summary>The pixel value of image <paramref name="image"/>, channel <paramref name="channel"/>, pixel <paramref name="pixel"/> in the files this writes.</summary>
    public static byte PixelValue(int image, int channel, int pixel) => (byte)((image * 31 + channel * 85 + pixel * 7) % 256);

    /// <summary>Label of image <paramref name="image"/>: cycles through the ten classes.</summary>
    public static byte Label(int image) => (byte)(image % 10);

    /// <summary>One record's bytes.</summary>
    public static byte[] Record(int image, byte? label = null)
    {
        var record = new byte[Cifar10Format.RecordSize];
        record[0] = label ?? Label(image);
        for (int c = 0; c < 3; c++)
            for (int p = 0; p < Cifar10Format.PlaneSize; p++)
                record[1 + c * Cifar10Format.PlaneSize + p] = PixelValue(image, c, p);
        return record;
    }

    /// <summary>Writes all six batch files (<paramref name="perTrainFile"/> records each, <paramref name="testRecords"/> in the test file) and the meta file.</summary>
    public static string Write(string folder, int perTrainFile = 4, int testRecords = 10)
    {
        Directory.CreateDirectory(folder);
        int image = 0;
        foreach (var file in Cifar10Format.TrainFiles)
            File.WriteAllBytes(Path.Combine(folder, file), Enumerable.Range(0, perTrainFile).SelectMany(_ => Record(image++)).ToArray());
        File.WriteAllBytes(Path.Combine(folder, Cifar10Format.TestFile), Enumerable.Range(0, testRecords).SelectMany(i => Record(1000 + i)).ToArray());
        File.WriteAllLines(Path.Combine(folder, Cifar10Format.MetaFile), Cifar10Format.DefaultClassNames.Append(""));
        return folder;
    }
}

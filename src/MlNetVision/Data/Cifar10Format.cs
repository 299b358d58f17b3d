namespace MlNetVision.Data;

/// <summary>The layout of the official CIFAR-10 binary version (<c>cifar-10-batches-bin</c>).</summary>
public static class Cifar10Format
{
    /// <summary>Image side, in pixels.</summary>
    public const int ImageSize = 32;

    /// <summary>Pixels per channel plane (32 x 32).</summary>
    public const int PlaneSize = ImageSize * ImageSize;

    /// <summary>Bytes of pixel data per image: R plane, G plane, B plane.</summary>
    public const int ImageBytes = 3 * PlaneSize;

    /// <summary>Bytes per record: one label byte, then the pixels.</summary>
    public const int RecordSize = 1 + ImageBytes;

    /// <summary>Records per official batch file.</summary>
    public const int RecordsPerBatch = 10_000;

    /// <summary>The folder name inside the official archive.</summary>
    public const string FolderName = "cifar-10-batches-bin";

    /// <summary>The class-names file.</summary>
    public const string MetaFile = "batches.meta.txt";

    /// <summary>The training batches, in order.</summary>
    public static readonly IReadOnlyList<string> TrainFiles =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    /// <summary>The test batch.</summary>
    public const string TestFile = "test_batch.bin";

    /// <summary>Class names by label, used when <see cref="MetaFile"/> is absent.</summary>
    public static readonly IReadOnlyList<string> DefaultClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Every data file of the set.</summary>
    public static IEnumerable<string> AllDataFiles => TrainFiles.Append(TestFile);

    /// <summary>The files of one split.</summary>
    public static IReadOnlyList<string> FilesOf(DatasetSplit split) => split == DatasetSplit.Train ? TrainFiles : [TestFile];
}

/// <summary>A data split.</summary>
public enum DatasetSplit
{
    /// <summary>The training images.</summary>
    Train,
    /// <summary>The held-out test images.</summary>
    Test,
}

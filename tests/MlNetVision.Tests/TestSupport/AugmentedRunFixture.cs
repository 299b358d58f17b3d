using MlNetVision.Experiments.Commands;

namespace MlNetVision.Tests.TestSupport;

/// <summary>One quick simple-cnn run with augmentation (flip, crop, jitter) on tiny CIFAR-format data, shared by the tests of
/// a class: 40 training and 20 test images, one epoch, batch 16, with a TensorBoard log in the run folder.</summary>
public sealed class AugmentedRunFixture : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly TempFolder _output = new();

    public const string Augmentation = "flip,crop:pad=4:mode=reflect,jitter";

    public AugmentedRunFixture()
    {
        TinyCifar.Write(_data.Path, perTrainFile: 8, testRecords: 20);
        var log = new StringWriter();
        int code = CommandLine.Run(["run", "simple-cnn", "--data", _data.Path, "--output", _output.Path, "--epochs", "1", "--threads", "1",
            "--batch-size", "16", "--augment", Augmentation, "--tensorboard"], log, log);
        Log = log.ToString();
        if (code != 0) throw new InvalidOperationException($"tiny run failed:\n{Log}");
    }

    public string Log { get; }

    public string DataFolder => _data.Path;

    public string RunFolder => _output.Path;

    public string Combine(string file) => Path.Combine(_output.Path, file);

    public void Dispose()
    {
        _data.Dispose();
        _output.Dispose();
    }
}

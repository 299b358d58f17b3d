using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;

namespace MlNetVision.Tests.TestSupport;

/// <summary>One quick simple-cnn run on tiny CIFAR-format data, shared by the tests of a class.</summary>
public sealed class TinyRunFixture : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly TempFolder _output = new();

    public TinyRunFixture()
    {
        TinyCifar.Write(_data.Path, perTrainFile: 4, testRecords: 10);
        var log = new StringWriter();
        int code = CommandLine.Run(["run", "simple-cnn", "--data", _data.Path, "--output", _output.Path, "--epochs", "1", "--threads", "1"], log, log);
        if (code != 0) throw new InvalidOperationException($"tiny run failed:\n{log}");
    }

    public string DataFolder => _data.Path;

    public string RunFolder => _output.Path;

    public string ModelPath => Path.Combine(_output.Path, Experiments.Running.RunFolder.ModelFile);

    public void Dispose()
    {
        _data.Dispose();
        _output.Dispose();
    }
}

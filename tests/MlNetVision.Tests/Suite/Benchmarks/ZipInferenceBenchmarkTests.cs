using MlNetVision.Registry;
using MlNetVision.Suite.Benchmarks;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Models;
using TorchSharp;

namespace MlNetVision.Tests.Suite.Benchmarks;

[Trait("Category", "Slow")]
public class ZipInferenceBenchmarkTests
{
    [Fact]
    public void ThreadingsToTry_SeveralThreads_TriesIntraOpThreadsOneThreadAndACursorPerThread()
    {
        Assert.Equal([new ZipThreading(2, 1), new ZipThreading(1, 1), new ZipThreading(1, 2)], ZipInferenceBenchmark.ThreadingsToTry(2));
        Assert.Equal([new ZipThreading(1, 1)], ZipInferenceBenchmark.ThreadingsToTry(1));
    }

    [Fact]
    public void ThreadingsToTry_Zero_StartsFromThePhysicalCores()
    {
        var threadings = ZipInferenceBenchmark.ThreadingsToTry(0);

        Assert.Equal(PhysicalCores.Count, threadings[0].IntraOpThreads);
        Assert.Equal(PhysicalCores.Count, threadings[^1].Cursors);
        Assert.Equal(1, threadings[^1].IntraOpThreads);
    }

    [Fact]
    public void Fastest_DifferentSpeeds_PicksTheMostImagesPerSecondWithItsThreading()
    {
        var fastest = ZipInferenceBenchmark.Fastest([new(480, 133, new(2, 1)), new(690, 93, new(1, 1)), new(1100, 58, new(1, 2))]);

        Assert.Equal(new ZipThreading(1, 2), fastest.Threading);
        Assert.Equal(1100, fastest.ImagesPerSecond);
    }

    [Fact]
    public void Fastest_EqualSpeeds_KeepsTheFirst()
    {
        Assert.Equal(new ZipThreading(2, 1), ZipInferenceBenchmark.Fastest([new(500, 128, new(2, 1)), new(500, 128, new(1, 1))]).Threading);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    public void Run_Threading_ScoresEveryRowOfEachPass(int intraOp, int cursors)
    {
        torch.random.manual_seed(0);
        var classNames = BenchmarkSuite.ClassNames(3);
        byte[] onnx;
        using (var model = ModelRegistry.Create("simple_cnn", new ModelSpec(3, 8)))
            onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(8, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], classNames));

        var speed = ZipInferenceBenchmark.Run(onnx, classNames, new BenchmarkCase("simple_cnn", 8, Batch: 150, Steps: 2), new ZipThreading(intraOp, cursors));

        Assert.True(speed.ImagesPerSecond > 0);
        Assert.Equal(new ZipThreading(intraOp, cursors), speed.Threading);
    }
}

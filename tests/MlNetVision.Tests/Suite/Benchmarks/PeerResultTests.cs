using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class PeerResultTests
{
    /// <summary>A line as <c>pytorch_reference.py throughput</c> prints it.</summary>
    public const string PeerLine =
        """{"peer": "pytorch", "torch": "1.13.0a0", "mode": "throughput", "model": "resnet18", "image_size": 224, "batch": 64, "threads": 2, "train_images_per_s": 6.35, "eval_images_per_s": 45.5, "train_step_ms_median": 10071.2, "eval_step_ms_median": 1406.1, "steps": 3, "warmup": 1, "channels_last": true, "bf16": false, "params": 11181642, "final_loss": 2.3712, "blas": "libblas.so.3,liblapack.so.3,libopenblasp-r0.3.21.so"}""";

    [Fact]
    public void Parse_ThroughputLine_ReadsEveryField()
    {
        var (result, line) = PeerResult.Parse(PeerLine + "\n");

        Assert.Equal(PeerLine, line);
        Assert.Equal("pytorch", result.Peer);
        Assert.Equal("resnet18", result.Model);
        Assert.Equal(224, result.ImageSize);
        Assert.Equal(64, result.Batch);
        Assert.Equal(2, result.Threads);
        Assert.Equal(6.35, result.TrainImagesPerS);
        Assert.Equal(45.5, result.EvalImagesPerS);
        Assert.Equal(10071.2, result.TrainStepMsMedian);
        Assert.Equal(3, result.Steps);
        Assert.True(result.ChannelsLast);
        Assert.False(result.Bf16);
        Assert.Equal(11181642, result.Params);
        Assert.Contains("openblas", result.Blas);
    }

    [Fact]
    public void Parse_OtherLinesAround_TakesTheJsonLine()
    {
        var (result, _) = PeerResult.Parse($"# torch 1.13.0a0\nwarming up\n{PeerLine}\n\n");

        Assert.Equal(45.5, result.EvalImagesPerS);
    }

    [Fact]
    public void Parse_NoJsonLine_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatException>(() => PeerResult.Parse("Traceback (most recent call last):\n"));

        Assert.Contains("no JSON line", e.Message);
    }

    [Fact]
    public void Parse_RateMissing_ThrowsFormatExceptionWithTheLine()
    {
        const string line = """{"model": "resnet18", "image_size": 32, "train_images_per_s": 1.0}""";

        var e = Assert.Throws<FormatException>(() => PeerResult.Parse(line));

        Assert.Contains(line, e.Message);
    }
}

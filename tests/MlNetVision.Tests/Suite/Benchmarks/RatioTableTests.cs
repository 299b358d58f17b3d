using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class RatioTableTests
{
    [Fact]
    public void Render_RatioAndFailure_OneRowEachAfterTheHeader()
    {
        var table = new RatioTable();
        table.Add(new BenchmarkRatio { Model = "simple_cnn", ImageSize = 32, TrainRatio = 1.25, EvalRatio = 0.5, ZipEvalVsPeerEvalRatio = 2 });
        table.AddFailure("deit_tiny_patch16_224", 224, "failed");

        var lines = table.Render().TrimEnd().Split(Environment.NewLine);

        Assert.Equal(4, lines.Length);
        Assert.Contains("zip eval / peer eval", lines[1]);
        Assert.Matches(@"^simple_cnn\s+32\s+1\.250\s+0\.500\s+2\.000$", lines[2]);
        Assert.Matches(@"^deit_tiny_patch16_224\s+224\s+-\s+-\s+-\s+peer: failed$", lines[3]);
    }
}

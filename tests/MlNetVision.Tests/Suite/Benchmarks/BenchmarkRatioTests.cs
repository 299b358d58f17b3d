using MlNetVision.Suite.Benchmarks;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class BenchmarkRatioTests
{
    [Fact]
    public void Compute_OursAndPeer_DividesImagesPerSecond()
    {
        var (peer, _) = PeerResult.Parse(PeerResultTests.PeerLine);

        var ratio = BenchmarkRatio.Compute(BenchmarkResults.ResNet18(train: 12.7, eval: 91, zip: 22.75), peer);

        Assert.Equal("resnet18", ratio.Model);
        Assert.Equal(224, ratio.ImageSize);
        Assert.Equal(2.0, ratio.TrainRatio);
        Assert.Equal(2.0, ratio.EvalRatio);
        Assert.Equal(0.5, ratio.ZipEvalVsPeerEvalRatio);
    }

    [Fact]
    public void Compute_NoZipRateOrZeroPeerRate_LeavesThoseRatiosNull()
    {
        var peer = new PeerResult { Model = "resnet18", ImageSize = 224, TrainImagesPerS = 0, EvalImagesPerS = 10 };

        var ratio = BenchmarkRatio.Compute(BenchmarkResults.ResNet18(train: 5, eval: 20, zip: null), peer);

        Assert.Null(ratio.TrainRatio);
        Assert.Equal(2.0, ratio.EvalRatio);
        Assert.Null(ratio.ZipEvalVsPeerEvalRatio);
    }

    [Fact]
    public void Line_Ratio_HasTheIssueFieldNames()
    {
        var ratio = new BenchmarkRatio { Model = "simple_cnn", ImageSize = 32, TrainRatio = 1.5, EvalRatio = 0.8, ZipEvalVsPeerEvalRatio = 2 };

        Assert.Equal("""{"mode":"ratio","model":"simple_cnn","image_size":32,"train_ratio":1.5,"eval_ratio":0.8,"zip_eval_vs_peer_eval_ratio":2}""",
            BenchmarkJson.Line(ratio));
    }
}

using MlNetVision.Suite.Benchmarks;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Benchmarks;

[Trait("Category", "Slow")]
public class PeerRunnerTests
{
    private const string Shell = "/bin/sh";

    [Fact]
    public void Arguments_ChannelsLastAndBf16_PassesThePeersOptions()
    {
        var arguments = PeerRunner.Arguments("peer.py", "deit_tiny", new BenchmarkCase("deit_tiny_patch16_224", 224, 64, 3, 1, 0, ChannelsLast: true, Bf16: true), threads: 2);

        Assert.Equal(["peer.py", "throughput", "--model", "deit_tiny", "--image-size", "224", "--batch", "64", "--steps", "3", "--warmup", "1",
            "--threads", "2", "--channels-last", "--bf16"], arguments);
    }

    [Fact]
    public void Run_PeerPrintsItsLine_ParsesItAndSetsTheLibraryPath()
    {
        using var temp = new TempFolder();
        var script = temp.Combine("peer.sh");
        File.WriteAllText(script, """
            echo "# torch fake" >&2
            echo "{\"model\": \"$3\", \"image_size\": $5, \"train_images_per_s\": 1.5, \"eval_images_per_s\": 3, \"blas\": \"$LD_LIBRARY_PATH\"}"
            """);

        var outcome = new PeerRunner(Shell, script, "/opt/blas").Run("simple_cnn", new BenchmarkCase("simple_cnn", 32), threads: 1);

        Assert.Null(outcome.Failure);
        Assert.Equal("simple_cnn", outcome.Result!.Model);
        Assert.Equal(32, outcome.Result.ImageSize);
        Assert.Equal(3, outcome.Result.EvalImagesPerS);
        Assert.StartsWith("/opt/blas", outcome.Result.Blas);
        Assert.Contains("# torch fake", outcome.StandardError);
    }

    [Fact]
    public void Run_PeerFails_ReportsExitCodeAndItsError()
    {
        using var temp = new TempFolder();
        var script = temp.Combine("peer.sh");
        File.WriteAllText(script, "echo 'ValueError: simple_cnn takes 32 px only' >&2\nexit 3\n");

        var outcome = new PeerRunner(Shell, script).Run("simple_cnn", new BenchmarkCase("simple_cnn", 48), threads: 1);

        Assert.Null(outcome.Result);
        Assert.Contains("exit code 3", outcome.Failure);
        Assert.Contains("32 px only", outcome.Failure);
    }

    [Fact]
    public void Run_InterpreterMissing_ReportsItWithoutThrowing()
    {
        using var temp = new TempFolder();

        var outcome = new PeerRunner(temp.Combine("no-python"), "peer.py").Run("simple_cnn", new BenchmarkCase("simple_cnn", 32), threads: 1);

        Assert.Null(outcome.Result);
        Assert.Contains("could not start", outcome.Failure);
    }
}

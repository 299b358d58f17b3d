using MlNetVision.Experiments.Commands;
using MlNetVision.Tests.TestSupport;

using MlNetVision.Experiments.Running;

namespace MlNetVision.Tests.Commands;

[Trait("Category", "Slow")]
public class BenchCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Bench_ProfileWithPeer_ExitsWithUserError()
    {
        var (code, output, error) = Run("bench", "--profile", "--peer");

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Empty(output);
        Assert.Contains("--profile and --peer", error);
    }

    [Fact]
    public void Bench_PeerScriptMissing_ExitsWithUserErrorBeforeAnyCase()
    {
        using var temp = new TempFolder();

        var (code, output, error) = Run("bench", "--model", "simple_cnn", "--peer", "--peer-script", temp.Combine("missing.py"));

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Empty(output);
        Assert.Contains("missing.py", error);
    }
}

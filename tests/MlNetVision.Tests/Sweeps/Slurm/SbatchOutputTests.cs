using MlNetVision.Experiments.Sweeps.Slurm;
using MlNetVision.Infrastructure;

namespace MlNetVision.Tests.Sweeps.Slurm;

public class SbatchOutputTests
{
    [Theory]
    [InlineData("1234\n", "1234")]
    [InlineData("1234;ci\n", "1234")]
    [InlineData("sbatch: warning: something\n77;cluster-a\n", "77")]
    public void JobId_ReadsParsableOutput(string output, string expected) => Assert.Equal(expected, SbatchOutput.JobId(output));

    [Theory]
    [InlineData("")]
    [InlineData("Submitted batch job 12")]
    public void JobId_WithoutAnId_IsAnErrorQuotingTheOutput(string output)
    {
        var error = Assert.Throws<MlNetVisionException>(() => SbatchOutput.JobId(output));
        Assert.Contains("sbatch gave no job id", error.Message);
    }
}

using MlNetVision.Experiments.Sweeps.Slurm;

namespace MlNetVision.Tests.Sweeps.Slurm;

public class SqueueOutputTests
{
    [Fact]
    public void Parse_ReadsElementsAndExpandsPendingRanges_OfThatArrayOnly()
    {
        const string output = "41_0|RUNNING|None\n41_[2-4,6%2]|PENDING|JobArrayTaskLimit\n42|PENDING|Dependency\n9_1|RUNNING|None\n";

        var states = SqueueOutput.Parse(output, "41");

        Assert.Equal([0, 2, 3, 4, 6], states.Keys.ToArray());
        Assert.Equal("RUNNING", states[0].State);
        Assert.Equal("41_3", states[3].JobId);
        Assert.Equal("JobArrayTaskLimit", states[6].Reason);
    }

    [Fact]
    public void Parse_ReadsSacctLines_DroppingTheCancellingUser()
    {
        var states = SqueueOutput.Parse("7_1|CANCELLED by 0|0:15\n7_2|COMPLETED|0:0\n", "7");

        Assert.Equal("CANCELLED", states[1].State);
        Assert.Equal("COMPLETED", states[2].State);
    }
}

using MlNetVision.Native;

namespace MlNetVision.Tests.Native;

public class PhysicalCoresTests
{
    [Fact]
    public void ParseCpuList_RangesAndSingles_ExpandsEveryCpu()
    {
        Assert.Equal([0, 1, 2, 3, 8, 10, 11], PhysicalCores.ParseCpuList("0-3,8,10-11\n"));
    }

    [Fact]
    public void FromTopology_SmtSiblings_CountsEachCoreOnce()
    {
        var siblings = new Dictionary<int, string> { [0] = "0,2", [1] = "1,3", [2] = "0,2", [3] = "1,3" };

        Assert.Equal(2, PhysicalCores.FromTopology([0, 1, 2, 3], cpu => siblings[cpu], processorCount: 4));
    }

    [Fact]
    public void FromTopology_UnknownTopologyAndQuota_EachCpuCappedByProcessorCount()
    {
        Assert.Equal(3, PhysicalCores.FromTopology([0, 1, 2, 3], _ => null, processorCount: 3));
    }

    [Fact]
    public void Or_PositiveOrNot_KeepsTheCountOrFallsBackToTheCores()
    {
        Assert.Equal(3, PhysicalCores.Or(3));
        Assert.Equal(PhysicalCores.Count, PhysicalCores.Or(0));
        Assert.Equal(PhysicalCores.Count, PhysicalCores.Or(-1));
    }

    [Fact]
    public void Count_ThisMachine_BetweenOneAndProcessorCount()
    {
        Assert.InRange(PhysicalCores.Count, 1, Environment.ProcessorCount);
    }
}

using MlNetVision.Native;
using MlNetVision.Tests.TestSupport;

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

    /// <summary>
    /// Against an independent source: distinct (physical id, core id) pairs in <c>/proc/cpuinfo</c> among the CPUs this
    /// process may run on (the product reads sysfs sibling lists instead), capped by the processor count as the product's is.
    /// </summary>
    [LinuxFact]
    public void Count_ThisMachine_MatchesTheCoresListedInProcCpuinfo()
    {
        var allowedLine = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var allowed = ParseRanges(allowedLine["Cpus_allowed_list:".Length..]);
        var cores = new HashSet<(string Package, string Core)>();
        string? processor = null, package = null, core = null;
        foreach (var line in File.ReadLines("/proc/cpuinfo").Append(""))
        {
            var (key, value) = line.IndexOf(':') is var colon and >= 0 ? (line[..colon].Trim(), line[(colon + 1)..].Trim()) : ("", "");
            if (key == "processor") processor = value;
            else if (key == "physical id") package = value;
            else if (key == "core id") core = value;
            else if (line.Length == 0 && processor is not null)
            {
                Assert.True(core is not null, "this /proc/cpuinfo has no core ids");
                if (allowed.Contains(int.Parse(processor))) cores.Add((package ?? "0", core!));
                (processor, package, core) = (null, null, null);
            }
        }

        Assert.Equal(Math.Min(cores.Count, Environment.ProcessorCount), PhysicalCores.Count);
    }

    private static HashSet<int> ParseRanges(string list) =>
        list.Trim().Split(',').SelectMany(part => part.Split('-') is [var a, var b] ? Enumerable.Range(int.Parse(a), int.Parse(b) - int.Parse(a) + 1) : [int.Parse(part)]).ToHashSet();
}

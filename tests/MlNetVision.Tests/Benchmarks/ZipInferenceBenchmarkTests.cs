using MlNetVision.Benchmarks;
using MlNetVision.Native;

namespace MlNetVision.Tests.Benchmarks;

public class ZipInferenceBenchmarkTests
{
    [Fact]
    public void ThreadCountsToTry_SeveralThreads_TriesThemAndOne()
    {
        Assert.Equal([2, 1], ZipInferenceBenchmark.ThreadCountsToTry(2));
        Assert.Equal([1], ZipInferenceBenchmark.ThreadCountsToTry(1));
    }

    [Fact]
    public void ThreadCountsToTry_Zero_StartsFromThePhysicalCores()
    {
        Assert.Equal(PhysicalCores.Count, ZipInferenceBenchmark.ThreadCountsToTry(0)[0]);
        Assert.Equal(1, ZipInferenceBenchmark.ThreadCountsToTry(0)[^1]);
    }

    [Fact]
    public void Fastest_DifferentSpeeds_PicksTheMostImagesPerSecondWithItsThreads()
    {
        var fastest = ZipInferenceBenchmark.Fastest([new(480, 133, 2), new(690, 93, 1)]);

        Assert.Equal(1, fastest.IntraOpThreads);
        Assert.Equal(690, fastest.ImagesPerSecond);
    }

    [Fact]
    public void Fastest_EqualSpeeds_KeepsTheFirst()
    {
        Assert.Equal(2, ZipInferenceBenchmark.Fastest([new(500, 128, 2), new(500, 128, 1)]).IntraOpThreads);
    }
}

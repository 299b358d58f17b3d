using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Running;

/// <summary><see cref="RunData.TestSources"/>: where each test image came from, as <c>predictions.json</c> names it.</summary>
public class RunDataSourcesTests
{
    [Fact]
    public void Cifar_SourcesNameTheRecordInTheTestFile_FollowingAStratifiedLimit()
    {
        using var data = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 4, testRecords: 30);

        using var all = new RunDataLoader(TextWriter.Null).Load(ExperimentCatalog.Get("simple-cnn"), new RunSettings { Data = data.Path }, seed: 0);
        using var sample = new RunDataLoader(TextWriter.Null).Load(ExperimentCatalog.Get("simple-cnn"),
            new RunSettings { Data = data.Path, LimitTest = 10, Stratified = true }, seed: 1);

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"test_batch.bin#{i}"), all.TestSources);
        Assert.Equal(10, sample.TestSources.Count);
        var records = sample.TestSources.Select(s => int.Parse(s.Split('#')[1])).ToList();
        Assert.Equal(records.Select(r => (int)TinyCifar.Label(1000 + r)), sample.Test.Labels);
    }

    [Fact]
    public void Folder_SourcesAreRelativePathsOfTheCachedImages_SkippedOnesLeftOut()
    {
        using var data = new TempFolder();
        using var cache = new TempFolder();
        using var scope = new EnvironmentScope(CacheFolders.CacheVariable, cache.Path);
        ImageFolders.WriteSplit(data.Path, ["a", "b"], trainPerClass: 4, testPerClass: 3, seed: 7);
        File.WriteAllBytes(data.Combine("test", "a", "broken.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4]);

        using var run = new RunDataLoader(TextWriter.Null).Load(ExperimentCatalog.Get("simple-cnn"),
            new RunSettings { Data = data.Path, SkipBadImages = true }, seed: 0);

        Assert.Equal(6, run.Test.Count);
        Assert.Equal(6, run.TestSources.Count);
        Assert.DoesNotContain(run.TestSources, s => s.Contains("broken"));
        Assert.All(run.TestSources, s => Assert.True(File.Exists(data.Combine(s.Split('/'))), s));
        Assert.Equal(run.Test.Labels.Select(l => run.ClassNames[l]), run.TestSources.Select(s => s.Split('/')[1]));
        Assert.All(run.TestSources, s => Assert.StartsWith("test/", s));
    }
}

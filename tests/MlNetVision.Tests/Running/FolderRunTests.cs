using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;
using MlNetVision.Persistence;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Running;

/// <summary><c>run</c> on image folders: either layout, any class count, bad files, the split recorded.</summary>
[Trait("Category", "Slow")]
public class FolderRunTests
{
    private static (int Code, string Log) Run(string data, string output, string cache, params string[] extra)
    {
        using var scope = new EnvironmentScope(CacheFolders.CacheVariable, cache);
        var log = new StringWriter();
        int code = CommandLine.Run(["run", "simple-cnn", "--data", data, "--output", output, "--epochs", "1", "--threads", "1", "--batch-size", "16", .. extra], log, log);
        return (code, log.ToString());
    }

    [Fact]
    public void Run_SplitFolderOfMixedSizes_TrainsFromTheCacheAndTheZipNamesItsClasses()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        using var cache = new TempFolder();
        string[] classes = ["red", "Green", "blue"];
        ImageFolders.WriteSplit(data.Path, classes, trainPerClass: 12, testPerClass: 4, seed: 1, validationPerClass: 2);

        var (code, log) = Run(data.Path, output.Path, cache.Path);

        Assert.True(code == 0, log);
        var report = ReportJson.Read(Path.Combine(output.Path, RunFolder.ReportFile));
        Assert.Equal("image-folder", report.Dataset.Source);
        Assert.Equal("split", report.Dataset.Layout);
        Assert.Equal((36, 6, 12), (report.Dataset.TrainCount, report.Dataset.ValidationCount, report.Dataset.TestCount));
        Assert.Equal(32, report.Dataset.ImageSize);
        Assert.Equal(64, report.Dataset.FileListHash!.Length);
        Assert.Equal(3, report.Dataset.Caches!.Count);
        Assert.All(report.Dataset.Caches, c => Assert.StartsWith(cache.Path, c.Path));
        Assert.Equal(["Green", "blue", "red"], report.Metrics.PerClass.Select(c => c.Class));
        var metadata = ModelZip.ReadMetadata(Path.Combine(output.Path, RunFolder.ModelFile));
        Assert.Equal(["Green", "blue", "red"], metadata!.Classes);

        var (again, againLog) = Run(data.Path, output.Path + "-again", cache.Path);

        Assert.True(again == 0, againLog);
        Assert.All(ReportJson.Read(Path.Combine(output.Path + "-again", RunFolder.ReportFile)).Dataset.Caches!, c => Assert.True(c.Reused));
        Directory.Delete(output.Path + "-again", recursive: true);
    }

    [Fact]
    public void Run_FlatFolder_SplitsByFractionAndRecordsTheSplit()
    {
        using var data = new TempFolder();
        using var cache = new TempFolder();
        using var output = new TempFolder();
        ImageFolders.WriteClasses(data.Path, ["a", "b"], perClass: 20, seed: 2);
        File.WriteAllText(data.Combine("a", "notes.txt"), "not an image");

        var (code, log) = Run(data.Path, output.Combine("one"), cache.Path, "--test-fraction", "0.25");
        var (same, _) = Run(data.Path, output.Combine("two"), cache.Path, "--test-fraction", "0.25", "--seed", "3");
        var (other, _) = Run(data.Path, output.Combine("three"), cache.Path, "--test-fraction", "0.25", "--split-seed", "1");

        Assert.True(code == 0 && same == 0 && other == 0, log);
        var one = ReportJson.Read(Path.Combine(output.Combine("one"), RunFolder.ReportFile)).Dataset;
        var two = ReportJson.Read(Path.Combine(output.Combine("two"), RunFolder.ReportFile)).Dataset;
        var three = ReportJson.Read(Path.Combine(output.Combine("three"), RunFolder.ReportFile)).Dataset;
        Assert.Equal(("flat", 0.25, 0), (one.Layout, one.TestFraction!.Value, one.SplitSeed!.Value));
        Assert.Equal((30, 10), (one.TrainCount, one.TestCount));
        Assert.Equal(one.TestListHash, two.TestListHash);          // another training seed tests on the same images
        Assert.NotEqual(one.TestListHash, three.TestListHash);
        Assert.Equal(1, one.IgnoredFiles);
        Assert.Contains("notes.txt", one.IgnoredExamples![0]);
    }

    [Fact]
    public void Run_CorruptImage_RefusedNamingItOrSkippedAndListed()
    {
        using var data = new TempFolder();
        using var cache = new TempFolder();
        using var output = new TempFolder();
        ImageFolders.WriteSplit(data.Path, ["a", "b"], trainPerClass: 8, testPerClass: 3, seed: 3);
        var corrupt = data.Combine("train", "b", "broken.png");
        File.WriteAllBytes(corrupt, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8]);

        var (refused, refusedLog) = Run(data.Path, output.Combine("refused"), cache.Path);
        var (skipped, skippedLog) = Run(data.Path, output.Combine("skipped"), cache.Path, "--skip-bad-images");

        Assert.True(refused == ExitCodes.UserError, refusedLog);
        Assert.True(refusedLog.Contains(corrupt), refusedLog);
        Assert.Contains("--skip-bad-images", refusedLog);
        Assert.False(Directory.Exists(output.Combine("refused")));
        Assert.True(skipped == 0, skippedLog);
        var report = ReportJson.Read(Path.Combine(output.Combine("skipped"), RunFolder.ReportFile)).Dataset;
        Assert.Equal(1, report.SkippedImages);
        Assert.Contains(corrupt, report.SkippedExamples![0]);
        Assert.Equal(16, report.TrainCount);
    }

    [Fact]
    public void Run_ThreeHundredClasses_TrainsSavesAndReloadsEveryClassName()
    {
        using var data = new TempFolder();
        using var cache = new TempFolder();
        using var output = new TempFolder();
        var classes = ImageFolders.ClassNames(300);
        ImageFolders.WriteClasses(data.Combine("train"), classes, perClass: 1, seed: 4, minSize: 8, maxSize: 12);
        ImageFolders.WriteClasses(data.Combine("test"), classes[..20], perClass: 1, seed: 5, minSize: 8, maxSize: 12);

        var (code, log) = Run(data.Path, output.Path, cache.Path, "--image-size", "8");

        Assert.True(code == 0, log);
        var zip = Path.Combine(output.Path, RunFolder.ModelFile);
        var ml = new MLContext();
        var (model, metadata) = ModelZip.Load(ml, zip);
        using var lifetime = model as IDisposable;
        Assert.Equal(classes, metadata!.Classes);
        Assert.Equal(8, metadata.PipelineImageSize);
        var images = Directory.GetFiles(data.Combine("test"), "*.png", SearchOption.AllDirectories);
        var predictions = new ImagePredictor(ml, model, 1).Predict(images).ToList();
        Assert.Equal(20, predictions.Count);
        Assert.All(predictions, p => Assert.Contains(p.Label, classes));
        var report = ReportJson.Read(Path.Combine(output.Path, RunFolder.ReportFile));
        Assert.Equal(300, report.Dataset.ClassCount);
        Assert.Equal(300, report.Metrics.PerClass.Count);
    }

    [Fact]
    public void Run_OneClassFolder_UserErrorBeforeAnyOutput()
    {
        using var data = new TempFolder();
        using var cache = new TempFolder();
        using var output = new TempFolder();
        ImageFolders.WriteClasses(data.Path, ["only"], perClass: 3, seed: 6);

        var (code, log) = Run(data.Path, output.Combine("run"), cache.Path);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("at least two classes", log);
        Assert.False(Directory.Exists(output.Combine("run")));
    }
}

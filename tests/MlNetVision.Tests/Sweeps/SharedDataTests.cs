using System.Text.Json;
using System.Text.RegularExpressions;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Infrastructure;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps;

[Trait("Category", "Slow")]
public class SharedDataTests
{
    [Fact]
    public void Run_TwoTasksOnOneFreshImageFolder_EachSplitIsCachedOnce_BothTrainOnEveryImage()
    {
        using var folder = new TempFolder();
        using var cache = new EnvironmentScope(CacheFolders.CacheVariable, folder.Combine("cache"));
        ImageFolders.WriteSplit(folder.Combine("images"), ImageFolders.ClassNames(2), trainPerClass: 12, testPerClass: 4, seed: 7);
        var path = folder.Combine("sweep.json");
        File.WriteAllText(path, $$"""
            { "name": "shared", "output": {{JsonSerializer.Serialize(folder.Combine("out"))}},
              "base": { "extends": "simple-cnn", "name": "shared", "data": "images", "recipe": { "epochs": 1, "batchSize": 8 } },
              "grid": { "seed": [0, 1] } }
            """);
        var log = new StringWriter();

        Assert.True(CommandLine.Run(["sweep", "run", path, "--parallel", "2"], log, log) == 0, log.ToString());

        var sweep = SweepFileReader.Read(path);
        var taskLogs = sweep.Tasks.Select(t => File.ReadAllText(Path.Combine(sweep.TaskFolder(t), TaskProcess.LogFile))).ToList();
        var built = taskLogs.SelectMany(l => Regex.Matches(l, @"(\S+): cached (\d+) images").Select(m => m.Groups[1].Value)).ToList();
        Assert.Equal(2, built.Count);   // the training and the test split, each built by one of the two tasks
        Assert.Equal(2, built.Distinct().Count());
        Assert.Equal(2, taskLogs.Sum(l => Regex.Matches(l, "using the pixel cache").Count));
        foreach (var task in sweep.Tasks)
        {
            var report = ReportJson.Read(Path.Combine(sweep.TaskFolder(task), RunFolder.ReportFile));
            Assert.Equal((24, 8), (report.Dataset.TrainCount, report.Dataset.TestCount));
        }
    }
}

using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Running;

[Trait("Category", "Slow")]
public class ExperimentRunnerTests
{
    [Fact]
    public void Run_TinyCifar_WritesReportAndZipThatPlainMlNetConsumerReproduces()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 8, testRecords: 20);
        var log = new StringWriter();

        int code = CommandLine.Run(["run", "simple-cnn", "--data", data.Path, "--output", output.Path, "--epochs", "1", "--threads", "1"], log, log);

        Assert.True(code == 0, log.ToString());
        var report = ReportJson.Read(Path.Combine(output.Path, RunFolder.ReportFile));
        Assert.Equal(RunReport.CurrentSchemaVersion, report.SchemaVersion);
        Assert.Equal("simple-cnn", report.Experiment);
        Assert.Equal(40, report.Dataset.TrainCount);
        Assert.Equal(20, report.Dataset.TestCount);
        Assert.Single(report.History);
        Assert.Equal(10, report.Metrics.PerClass.Count);
        Assert.Equal(20, report.Metrics.ConfusionMatrix.Sum(r => r.Sum()));
        Assert.Equal(6, report.Dataset.Files.Count);
        Assert.True(File.Exists(Path.Combine(output.Path, RunFolder.SummaryFile)));
        var page = File.ReadAllText(Path.Combine(output.Path, MlNetVision.Suite.Reporting.Html.RunReportPage.FileName));
        Assert.Contains("<h1>simple-cnn (simple_cnn)</h1>", page);
        Assert.Contains("id=\"chart-loss\"", page);
        Assert.Contains("this run is not comparable: 1 epoch, not 10", page);

        var (exit, stdout, stderr) = ConsumerProcess.Run("cifar", Path.Combine(output.Path, RunFolder.ModelFile), data.Path);

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal(20, result.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(report.Metrics.Accuracy, result.RootElement.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(report.Metrics.Accuracy, result.RootElement.GetProperty("evaluateAccuracy").GetDouble(), 9);
        Assert.Equal(report.Metrics.Classes, result.RootElement.GetProperty("scoreClasses").EnumerateArray().Select(c => c.GetString()!));
        Assert.True(result.RootElement.GetProperty("batchAgrees").GetBoolean());
        Assert.Equal(0, result.RootElement.GetProperty("argMaxDisagreements").GetInt32());
    }

    [Fact]
    public void Run_UnknownExperiment_SuggestsNearestAndExitsWithUserError()
    {
        var log = new StringWriter();

        int code = CommandLine.Run(["run", "simple-cnm"], log, log);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("Did you mean 'simple-cnn'?", log.ToString());
    }

    [Fact]
    public void Run_OutputNotWritable_ExitsWithUserErrorBeforeTraining()
    {
        using var data = new TempFolder();
        TinyCifar.Write(data.Path);
        var file = data.Combine("not-a-folder");
        File.WriteAllText(file, "");
        var log = new StringWriter();

        int code = CommandLine.Run(["run", "simple-cnn", "--data", data.Path, "--output", Path.Combine(file, "run")], log, log);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("not writable", log.ToString());
        Assert.True(File.Exists(file) && new FileInfo(file).Length == 0, "the file in the output's way was changed");
    }

    [Fact]
    public void Run_ZeroEpochs_RejectedByParserBeforeAnyRunFolder()
    {
        using var output = new TempFolder();
        var runFolder = output.Combine("run");
        var log = new StringWriter();

        int code = CommandLine.Run(["run", "simple-cnn", "--epochs", "0", "--output", runFolder], log, log);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("--epochs must be at least 1", log.ToString());
        Assert.False(Directory.Exists(runFolder));
    }

    [Fact]
    public void List_ShowsExperimentsAndModels()
    {
        var log = new StringWriter();

        Assert.Equal(0, CommandLine.Run(["list"], log, log));
        Assert.Contains("simple-vit", log.ToString());
        Assert.Contains("simple_cnn", log.ToString());
    }
}

[Trait("Category", "Slow")]
public class BatchRunTests
{
    [Fact]
    public void Run_TwoExperimentsOneFailing_ContinuesAndReportsBoth()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 4, testRecords: 10);
        File.WriteAllText(output.Combine("simple-vit"), "a file where the run folder should go");
        var stdout = new StringWriter();
        var log = new StringWriter();

        int code = CommandLine.Run(["run", "simple-vit", "simple-cnn", "--data", data.Path, "--output", output.Path, "--epochs", "1", "--threads", "1"], stdout, log);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Matches(@"\| simple-vit \| failed \|", stdout.ToString());
        Assert.Matches(@"\| simple-cnn \| \d\.\d{4} \|", stdout.ToString());
        Assert.True(File.Exists(output.Combine("simple-cnn", RunFolder.ReportFile)));
    }
}

public class RunFolderTests
{
    [Fact]
    public void NewRunFolder_SameExperimentAndSecond_NeverCollides()
    {
        var started = DateTimeOffset.UtcNow;

        var folders = Enumerable.Range(0, 100).Select(_ => RunFolder.NewRunFolder("/root", "simple-cnn", started)).ToList();

        Assert.Equal(100, folders.Distinct().Count());   // 32 random bits: a repeat among 100 has odds of about 1 in 860,000
    }
}

public class RunBadDataTests
{
    [Fact]
    public void Run_CorruptData_UserErrorAndNoRunFolderLeft()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path);
        File.WriteAllBytes(data.Combine("data_batch_2.bin"), new byte[5000]);
        var runFolder = output.Combine("run");
        var log = new StringWriter();

        int code = CommandLine.Run(["run", "simple-cnn", "--data", data.Path, "--output", runFolder], log, log);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("data_batch_2.bin: 5000 bytes", log.ToString());
        Assert.False(Directory.Exists(runFolder));
    }
}

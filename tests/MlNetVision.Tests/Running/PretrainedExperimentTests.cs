using System.Text.Json;
using MlNetVision.Registry;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Running;
using MlNetVision.Models;
using MlNetVision.Suite.Reporting;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;

namespace MlNetVision.Tests.Running;

[Trait("Category", "Slow")]
public class PretrainedExperimentTests
{
    private static (int Code, string Log, RunReport? Report) Run(params string[] extra)
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 8, testRecords: 20);
        var log = new StringWriter();
        int code = CommandLine.Run([.. extra, "--data", data.Path, "--output", output.Path, "--threads", "1"], log, log);
        var reportPath = Path.Combine(output.Path, RunFolder.ReportFile);
        return (code, log.ToString(), File.Exists(reportPath) ? ReportJson.Read(reportPath) : null);
    }

    [Fact]
    public void Run_FrozenMlnetBackboneAtInputSize32_ReportsPretrainedWeightsAndFeaturePass()
    {
        var (code, log, report) = Run("run", "resnet18-mlnet-frozen", "--input-size", "32", "--epochs", "1");

        Assert.True(code == 0, log);
        Assert.Equal("resnet18_mlnet_imagenet", report!.Model);
        Assert.Equal(32, report.Config.Trainer.ImageSize);
        Assert.True(report.Config.Trainer.FreezeBackbone);
        Assert.Contains(report.Notes, n => n.Contains("Started from pretrained weights: ML.NET DnnImageFeaturizer ResNet18"));
        Assert.Contains(report.Notes, n => n.StartsWith("Backbone frozen"));
        Assert.Equal(20, report.Metrics.ConfusionMatrix.Sum(r => r.Sum()));
    }

    [Fact]
    public void Run_PretrainedNone_TrainsFromScratchAndRecordsIt()
    {
        var (code, log, report) = Run("run", "resnet18-finetune", "--pretrained", "none", "--input-size", "32", "--epochs", "1", "--batch-size", "20");

        Assert.True(code == 0, log);
        Assert.Equal("none", report!.Config.Trainer.Pretrained);
        Assert.Contains("Trained from random initialisation.", report.Notes);
        Assert.Contains("from scratch", log);
    }

    [Fact]
    public void Run_PretrainedFileMissing_ExitsWithUserErrorNamingFile()
    {
        var (code, log, _) = Run("run", "resnet18-finetune", "--pretrained", "/nonexistent/resnet18.pth", "--input-size", "32", "--epochs", "1");

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("error: The checkpoint /nonexistent/resnet18.pth does not exist.", log);
    }

    [Fact]
    public void Run_MlNetFeaturizerBaseline_EvaluatesAndWritesTheSameZipContract()
    {
        using var data = new TempFolder();
        using var output = new TempFolder();
        TinyCifar.Write(data.Path, perTrainFile: 8, testRecords: 20);
        var log = new StringWriter();

        int code = CommandLine.Run(["run", "mlnet-featurizer-baseline", "--data", data.Path, "--output", output.Path, "--threads", "1"], log, log);

        Assert.True(code == 0, log.ToString());
        var report = ReportJson.Read(Path.Combine(output.Path, RunFolder.ReportFile));
        Assert.Equal(MlNetFeaturizerBaseline.ModelName, report.Model);
        Assert.Equal(224, report.Config.PipelineImageSize);
        Assert.Equal(40, report.Dataset.TrainCount);
        Assert.Equal(20, report.Metrics.ConfusionMatrix.Sum(r => r.Sum()));
        Assert.Equal(10, report.Metrics.PerClass.Count);
        Assert.True(report.Timing.TrainSeconds > 0);
        Assert.Contains(report.Notes, n => n.Contains("DnnFeaturizeImage (ResNet18)"));
        var (exit, stdout, stderr) = ConsumerProcess.Run("cifar", Path.Combine(output.Path, RunFolder.ModelFile), data.Path);
        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal(report.Metrics.Accuracy, result.RootElement.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(report.Metrics.Accuracy, result.RootElement.GetProperty("evaluateAccuracy").GetDouble(), 9);
        Assert.Equal(report.Metrics.Classes, result.RootElement.GetProperty("scoreClasses").EnumerateArray().Select(c => c.GetString()!));
        Assert.True(result.RootElement.GetProperty("batchAgrees").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("argMaxDisagreements").ValueKind);   // no Logits: not a network of ours
    }

    [Fact]
    public void Run_BaselineWithInputSize_ExitsWithUserError()
    {
        var (code, log, _) = Run("run", "mlnet-featurizer-baseline", "--input-size", "64");

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains("do not apply to mlnet-featurizer-baseline", log);
    }

    [Fact]
    public void List_ShowsFineTuneExperimentsAndPretrainedModels()
    {
        var log = new StringWriter();

        Assert.Equal(0, CommandLine.Run(["list"], log, log));

        foreach (var name in new[] { "resnet18-finetune", "deit-tiny-finetune", "resnet18-mlnet-frozen", "mlnet-featurizer-baseline",
                     "resnet18_mlnet_imagenet", "deit_tiny_patch16_224" })
            Assert.Contains(name, log.ToString());
    }

    [Fact]
    public void Catalog_EveryTorchExperiment_ValidatesAndNamesRegisteredModel()
    {
        foreach (var experiment in ExperimentCatalog.All.Where(e => e.Kind == ExperimentKind.Torch))
        {
            experiment.Trainer.Validate();
            Assert.Contains(experiment.Trainer.ModelName, ModelRegistry.Names);
        }
        Assert.Equal(OptimizerKind.AdamW, ExperimentCatalog.Get("deit-tiny-finetune").Trainer.Optimizer);
        Assert.Equal(3e-4, ExperimentCatalog.Get("deit-tiny-finetune").Trainer.LearningRate);
        Assert.Equal(224, ExperimentCatalog.Get("resnet18-finetune").Trainer.ImageSize);
        Assert.Equal(3, ExperimentCatalog.Get("resnet18-finetune").Trainer.Epochs);
    }
}

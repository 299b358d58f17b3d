using MlNetVision.Registry;
using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Pretrained;
using MlNetVision.Training;
using MlNetVision.Tests.TestSupport;
using Onnx;
using TorchSharp;
using TorchSharp.PyBridge;

namespace MlNetVision.Tests.Training;

/// <summary>The trainer's Pretrained and FreezeBackbone options, which reach models only through interfaces.</summary>
[Trait("Category", "Slow")]
public class PretrainedTrainingTests
{
    public PretrainedTrainingTests() => TorchRuntime.EnsureLoaded();

    private static (ITransformer Model, TorchImageClassificationTrainer Trainer, IDataView Test, string Log) Train(TorchImageClassifierOptions options)
    {
        var ml = new MLContext(seed: 1);
        var log = new StringWriter();
        var trainer = new TorchImageClassificationTrainer(ml, options, Pipelines.QuickRuntime, log);
        var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(ImageSetDataView.Create(ml, SyntheticImages.Create(60, seed: 1)));
        return (model, trainer, ImageSetDataView.Create(ml, SyntheticImages.Create(30, seed: 2)), log.ToString());
    }

    private static float[] Initializer(byte[] onnx, string name) =>
        OnnxConvGraphImporter.Read(ModelProto.Parser.ParseFrom(onnx).Graph.Initializer.Single(t => t.Name == name), name).Values;

    [Fact]
    public void Fit_FrozenImportedBackbone_KeepsBundledWeightsAndLearnsHead()
    {
        var options = Pipelines.QuickOptions("resnet18_mlnet_imagenet") with { FreezeBackbone = true, Epochs = 3, LearningRate = 1e-2 };

        var (model, trainer, test, log) = Train(options);

        using var lifetime = (IDisposable)model;

        var summary = trainer.LastSummary!;
        Assert.Equal(MlNetResNet18Package.Description, summary.Pretrained);
        Assert.NotNull(summary.FeatureSeconds);
        Assert.Contains("backbone frozen", log);
        var firstConv = MlNetResNet18Package.Network.Graph.Ops[0].Name;
        Assert.Equal(MlNetResNet18Package.Network.Weights[$"{firstConv}.weight"].Values, Initializer(trainer.LastOnnxModel!, $"backbone.{firstConv}.weight"));
        var metrics = new MLContext().MulticlassClassification.Evaluate(model.Transform(test), "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn);
        Assert.True(metrics.MicroAccuracy > 0.8, $"accuracy {metrics.MicroAccuracy}");
    }

    [Fact]
    public void Fit_PretrainedCheckpointFileWithFrozenBackbone_ExportsCheckpointBackbone()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("imagenet.safetensors");
        using (var imageNet = ModelRegistry.Create("resnet18", new ModelSpec(1000, 32))) imageNet.save_safetensors(path);
        var expected = CheckpointReader.Read(path)["layer1.0.conv1.weight"].data<float>().ToArray();

        var (_, trainer, _, log) = Train(Pipelines.QuickOptions("resnet18") with { Pretrained = path, FreezeBackbone = true, Epochs = 1 });

        Assert.Equal(path, trainer.LastSummary!.Pretrained);
        Assert.Contains("fc.weight (checkpoint [1000, 512], model [3, 512])", log);
        Assert.Equal(expected, Initializer(trainer.LastOnnxModel!, "layer1.0.conv1.weight"));
    }

    [Fact]
    public void Fit_PretrainedNone_StartsFromScratch()
    {
        var (_, trainer, _, log) = Train(Pipelines.QuickOptions("resnet18_mlnet_imagenet") with { Pretrained = "none", Epochs = 1 });

        Assert.Null(trainer.LastSummary!.Pretrained);
        Assert.Contains("from scratch", log);
    }

    [Fact]
    public void Fit_FreezeBackboneOnModelWithoutBackbone_ErrorNamesModel()
    {
        var error = Assert.Throws<MlNetVisionException>(() => Train(Pipelines.QuickOptions() with { FreezeBackbone = true }));

        Assert.Contains("SimpleCnn has none", error.Message);
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Persistence;
using MlNetVision.Pretrained;
using MlNetVision.Registry;
using MlNetVision.Training;
using MlNetVision.Tests.TestSupport;
using TorchSharp;

namespace MlNetVision.Tests.Pretrained;

/// <summary>Continuing to train a fitted model: from a model zip (weights read back from its ONNX) or a run's best-weights.bin.</summary>
[Trait("Category", "Slow")]
public class ContinueTrainingTests
{
    private static (TransformerChain<ITransformer> Model, IDataView Test) Train(MLContext ml, TorchImageClassifierOptions options)
    {
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(48, seed: 1));
        var trainer = new TorchImageClassificationTrainer(ml, options, Pipelines.QuickRuntime, TextWriter.Null);
        return (Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(train), ImageSetDataView.Create(ml, SyntheticImages.Create(12, seed: 2)));
    }

    private static string SaveZip(MLContext ml, ITransformer model, IDataView schemaOf, string folder, string modelName = "simple_cnn")
    {
        var path = Path.Combine(folder, "model.zip");
        ModelZip.Save(ml, model, schemaOf.Schema, new ModelZipMetadata(ModelZipMetadata.CurrentSchemaVersion, "test", modelName, SyntheticImages.ClassNames, 32, DateTimeOffset.UtcNow), path);
        return path;
    }

    [Fact]
    public void Pretrained_ModelZip_ContinuesFromItsWeights()
    {
        using var temp = new TempFolder();
        var ml = new MLContext(seed: 0);
        var (first, test) = Train(ml, Pipelines.QuickOptions() with { Epochs = 1 });
        using var firstLifetime = first;
        var zip = SaveZip(ml, first, test, temp.Path);

        // A learning rate of 1e-12 leaves the weights as read: the continued network scores every image as the zip's did.
        var (continued, _) = Train(ml, Pipelines.QuickOptions() with { Epochs = 1, LearningRate = 1e-12, Pretrained = zip });
        using var continuedLifetime = continued;

        var before = first.Transform(test).GetColumn<float[]>("Score").ToList();
        var after = continued.Transform(test).GetColumn<float[]>("Score").ToList();
        for (int i = 0; i < before.Count; i++)
            for (int c = 0; c < 3; c++) Assert.Equal(before[i][c], after[i][c], 1e-5);
    }

    [Fact]
    public void Pretrained_ZipOfAnotherModelOrClassCount_IsAClearError()
    {
        using var temp = new TempFolder();
        var ml = new MLContext(seed: 0);
        var (model, test) = Train(ml, Pipelines.QuickOptions() with { Epochs = 1 });
        using var lifetime = model;
        var zip = SaveZip(ml, model, test, temp.Path);
        TorchRuntime.EnsureLoaded();

        using var other = ModelRegistry.Create("fast_cnn", new ModelSpec(3, 32));
        var wrongModel = Assert.Throws<CheckpointException>(() => PretrainedLoader.Apply(other, zip, TextWriter.Null, modelName: "fast_cnn"));
        using var tenClasses = ModelRegistry.Create("simple_cnn", new ModelSpec(10, 32));
        var wrongClasses = Assert.Throws<CheckpointException>(() => PretrainedLoader.Apply(tenClasses, zip, TextWriter.Null, modelName: "simple_cnn"));

        Assert.Contains("holds a simple_cnn, not a fast_cnn", wrongModel.Message);
        Assert.Contains("classifies 3 classes and this data set has 10", wrongClasses.Message);
    }

    [Fact]
    public void Pretrained_TorchSharpWeightsFile_LoadsEveryTensor()
    {
        using var temp = new TempFolder();
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(1);
        using var trained = ModelRegistry.Create("fast_cnn", new ModelSpec(3, 32));
        var path = temp.Combine("best-weights.bin");
        trained.save(path);
        torch.random.manual_seed(2);
        using var fresh = ModelRegistry.Create("fast_cnn", new ModelSpec(3, 32));
        var log = new StringWriter();

        PretrainedLoader.Apply(fresh, path, log);

        foreach (var (name, value) in trained.state_dict())
            Assert.True(fresh.state_dict()[name].eq(value).all().item<bool>(), name);
        Assert.Contains("TorchSharp format", log.ToString());
        using var tenClasses = ModelRegistry.Create("fast_cnn", new ModelSpec(10, 32));
        Assert.Contains("do not fit", Assert.Throws<CheckpointException>(() => PretrainedLoader.Apply(tenClasses, path, TextWriter.Null)).Message);
    }
}

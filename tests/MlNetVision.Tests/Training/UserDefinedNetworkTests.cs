using System.Diagnostics;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Persistence;
using MlNetVision.Registry;
using MlNetVision.Training;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Training;

/// <summary>A network the user writes, not in the registry: it trains, resumes, exports and serves like a built-in one.</summary>
[Trait("Category", "Slow")]
public class UserDefinedNetworkTests
{
    private static readonly string[] Classes = ImageFolders.ClassNames(3);

    private static TorchImageClassifierOptions Options => new() { ModelName = "my_residual_net", Epochs = 3, BatchSize = 8, LearningRate = 3e-3, Seed = 2 };

    [Fact]
    public void Fit_OwnNetworkFromCatalog_TrainsAndItsZipPredictsInThePlainConsumer()
    {
        using var temp = new TempFolder();
        ImageFolders.WriteSplit(temp.Path, Classes, trainPerClass: 16, testPerClass: 4, seed: 1);
        var ml = new MLContext(seed: 0);
        var trainEntries = ImageFolderReader.Read(temp.Combine("train"));
        var train = ImageFolderReader.ToDataView(ml, trainEntries);
        var features = new ImagePreprocessing(16, 1f / 255).FromImagePath(ml);
        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(UserNetworks.EveryLayer, Options, Pipelines.QuickRuntime);

        using var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(features).Append(trainer).Fit(train);
        var serving = features.Fit(train).Append(model.LastTransformer);
        var zip = temp.Combine("model.zip");
        ModelZip.Save(ml, serving, train.Schema, new ModelZipMetadata(ModelZipMetadata.CurrentSchemaVersion, "byo", "my_residual_net", Classes, 16, DateTimeOffset.UtcNow), zip);
        var tests = ImageFolderReader.Read(temp.Combine("test"));
        var (exit, stdout, stderr) = ConsumerProcess.Run(["predict", zip, .. tests.Select(t => t.ImagePath)]);

        Assert.Equal(3, trainer.LastSummary!.History.Count);
        Assert.True(exit == 0, stderr);
        var predicted = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[1]).ToList();
        Assert.Equal(12, predicted.Count);
        var (loaded, _) = ModelZip.Load(ml, zip);
        using var lifetime = (IDisposable)loaded;
        Assert.Equal(new ImagePredictor(ml, loaded).Predict(tests.Select(t => t.ImagePath)).Select(p => p.Label), predicted);
        Assert.True(predicted.Zip(tests).Count(p => p.First == p.Second.Label) >= 10, $"{string.Join(",", predicted)}");   // one colour per class
    }

    [Fact]
    public void Fit_OwnVisionTransformer_TrainsAndScoresThroughItsZipChain()
    {
        var ml = new MLContext(seed: 0);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(48, seed: 1));
        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(UserNetworks.Vit, Options with { ModelName = "my_vit", Epochs = 2 },
            Pipelines.QuickRuntime);

        using var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(train);
        var scored = model.Transform(ImageSetDataView.Create(ml, SyntheticImages.Create(12, seed: 2)));

        Assert.Equal(2, trainer.LastSummary!.History.Count);
        Assert.All(scored.GetColumn<string>("PredictedLabel"), p => Assert.Contains(p, SyntheticImages.ClassNames));
        Assert.All(scored.GetColumn<float[]>("Score"), p => Assert.Equal(1f, p.Sum(), 4));
    }

    [Fact]
    public void Fit_OwnNetwork_ResumesFromItsCheckpoint()
    {
        using var checkpoints = new TempFolder();
        var ml = new MLContext(seed: 0);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(48, seed: 1));
        var runtime = Pipelines.QuickRuntime with { ShowProgress = true, CheckpointDirectory = checkpoints.Path };
        var stopAfterOne = Options with { MetricsCallback = r => { if (r.Epoch == 1) CancelExecution(ml); } };
        Assert.Throws<OperationCanceledException>(() => Pipelines.Preprocess(ml, SyntheticImages.ClassNames)
            .Append(ml.MulticlassClassification.Trainers.TorchImageClassifier(UserNetworks.EveryLayer, stopAfterOne, runtime)).Fit(train));

        var again = new MLContext(seed: 0);
        var messages = new List<string>();
        again.Log += (_, e) => { if (e.Source == "TorchImageClassifier") lock (messages) messages.Add(e.RawMessage); };
        var trainer = again.MulticlassClassification.Trainers.TorchImageClassifier(UserNetworks.EveryLayer, Options, runtime with { Resume = true });
        using var model = Pipelines.Preprocess(again, SyntheticImages.ClassNames).Append(trainer).Fit(ImageSetDataView.Create(again, SyntheticImages.Create(48, seed: 1)));

        Assert.Contains(messages, m => m.StartsWith("resuming at epoch 2", StringComparison.Ordinal));
        Assert.Equal([1, 2, 3], trainer.LastSummary!.History.Select(h => h.Epoch));
    }

    [Fact]
    public void Fit_UnexportableLayer_FailsBeforeTrainingWithinASecondNamingItsPathAndType()
    {
        TorchRuntime.EnsureLoaded();
        var ml = new MLContext(seed: 0);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(12, seed: 1));
        var epochs = new List<EpochRecord>();
        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(UserNetworks.Unexportable, Options with { MetricsCallback = epochs.Add },
            Pipelines.QuickRuntime);
        var pipeline = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer);

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<MlNetVisionException>(() => pipeline.Fit(train));
        clock.Stop();

        Assert.Contains("my_residual_net cannot become a model zip, so it was not trained", error.Message);
        Assert.Contains("Softplus (network.act)", error.Message);
        Assert.Empty(epochs);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Register_NameTrainsLikeABuiltInModel_AndTakenNamesAreRefused()
    {
        var name = $"user_net_{Guid.NewGuid():N}";
        var entry = ModelRegistry.Register(name, "a user's residual CNN", 16, UserNetworks.EveryLayer);
        var ml = new MLContext(seed: 0);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(24, seed: 1));

        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(Options with { ModelName = name, Epochs = 1 }, Pipelines.QuickRuntime);
        using var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(train);

        Assert.True(entry.UserDefined);
        Assert.Contains(name, ModelRegistry.Names);
        Assert.Single(trainer.LastSummary!.History);
        Assert.Contains("already registered", Assert.Throws<MlNetVisionException>(() => ModelRegistry.Register(name, "again", 16, UserNetworks.EveryLayer)).Message);
        Assert.Contains("already registered", Assert.Throws<MlNetVisionException>(() => ModelRegistry.Register("simple_cnn", "clash", 32, UserNetworks.EveryLayer)).Message);
    }

    private static void CancelExecution(MLContext ml) =>
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(ml, null);
}

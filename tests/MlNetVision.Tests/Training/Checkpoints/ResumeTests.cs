using MlNetVision.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Training;
using MlNetVision.Training.Checkpoints;
using MlNetVision.Tests.TestSupport;
using TorchSharp;

namespace MlNetVision.Tests.Training.Checkpoints;

[Trait("Category", "Slow")]
public class ResumeTests
{
    private static readonly TorchImageClassifierOptions Recipe = Pipelines.QuickOptions("simple_vit") with
    {
        Epochs = 2, BatchSize = 8, Augmentation = "flip,crop:pad=2",
    };

    private static TrainingRuntime Runtime(string folder, bool resume = false) =>
        Pipelines.QuickRuntime with { CheckpointDirectory = folder, Resume = resume, CheckpointIntervalMinutes = 0 };

    private static (float[] Weights, TrainingResult Result) Train(TorchImageClassifierOptions options, TrainingRuntime runtime, int? cancelAfterStep = null)
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);
        var images = SyntheticImages.Create(32, seed: 4);
        torch.random.manual_seed(options.Seed);
        using var model = ModelRegistry.Create(options.ModelName, new ModelSpec(3, 32));
        using var batches = new TensorBatches(images, 32, options.Mean, options.Std, torch.CPU);
        using var cancel = new CancellationTokenSource();
        var loop = new TrainingLoop(options, runtime, TextWriter.Null);
        if (cancelAfterStep is { } k) loop.StepCompleted += step => { if (step == k) cancel.Cancel(); };
        var store = runtime.CheckpointDirectory is null ? null : new CheckpointStore(runtime.CheckpointDirectory);
        var result = loop.Run(model, batches, batches, cancel.Token, store, TrainingLoop.Fingerprint(options, images.Count, SyntheticImages.ClassNames));
        var weights = model.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
        return (weights, result);
    }

    [Theory]
    [InlineData(4, TrainingPrecision.Float32)]  // at an epoch boundary (4 steps per epoch)
    [InlineData(6, TrainingPrecision.Float32)]  // in the middle of epoch 2
    [InlineData(6, TrainingPrecision.Bfloat16)] // the checkpoint holds the float32 master weights, not their bfloat16 copies
    public void Run_InterruptedAndResumed_EndsWithSameWeightsAndHistory(int interruptAfter, TrainingPrecision precision)
    {
        using var straight = new TempFolder();
        using var resumed = new TempFolder();
        var recipe = Recipe with { Precision = precision };

        var (expected, expectedResult) = Train(recipe, Runtime(straight.Path));
        var (_, first) = Train(recipe, Runtime(resumed.Path), cancelAfterStep: interruptAfter);
        var (actual, second) = Train(recipe, Runtime(resumed.Path, resume: true));

        Assert.True(first.Interrupted);
        Assert.False(second.Interrupted);
        Assert.Equal(interruptAfter, second.ResumedFromStep);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedResult.History.Select(h => (h.TrainLoss, h.TrainAccuracy, h.ValidationAccuracy)),
            second.History.Select(h => (h.TrainLoss, h.TrainAccuracy, h.ValidationAccuracy)));
    }

    [Fact]
    public void Load_OtherConfiguration_ThrowsNamingBoth()
    {
        using var folder = new TempFolder();
        Train(Recipe, Runtime(folder.Path), cancelAfterStep: 2);

        var error = Assert.Throws<MlNetVisionException>(() => Train(Recipe with { LearningRate = 0.5 }, Runtime(folder.Path, resume: true)));

        Assert.Contains("belongs to another configuration", error.Message);
    }

    [Fact]
    public void Load_CorruptCheckpoint_ThrowsClearError()
    {
        using var folder = new TempFolder();
        Train(Recipe, Runtime(folder.Path), cancelAfterStep: 2);
        var path = Path.Combine(folder.Path, CheckpointStore.CheckpointFile);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..200]);

        var error = Assert.Throws<MlNetVisionException>(() => Train(Recipe, Runtime(folder.Path, resume: true)));

        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void Fit_Cancelled_ReturnsBestModelSoFarMarkedInterrupted()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var data = ImageSetDataView.Create(ml, SyntheticImages.Create(48, seed: 1));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var trainer = new TorchImageClassificationTrainer(ml, Recipe with { ValidationFraction = 0.25 }, Runtime(folder.Path), TextWriter.Null, cancel.Token);

        using var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(data);

        Assert.True(trainer.LastSummary!.Interrupted);
        Assert.Empty(trainer.LastSummary.History);
        Assert.True(File.Exists(Path.Combine(folder.Path, CheckpointStore.CheckpointFile)));
        Assert.Equal(48, model.Transform(data).GetColumn<float[]>("Score").Count());
    }
}

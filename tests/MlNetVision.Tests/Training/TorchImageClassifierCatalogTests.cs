using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetVision.Data;
using MlNetVision.Training;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Training;

/// <summary>The catalog's trainer works in the caller's MLContext: its log, temp folder, seed and cancellation.</summary>
[Trait("Category", "Slow")]
public class TorchImageClassifierCatalogTests
{
    private static readonly TrainingRuntime Runtime = Pipelines.QuickRuntime with { ShowProgress = true };

    private static List<string> Listen(MLContext ml)
    {
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Source == "TorchImageClassifier" && e.Kind == ChannelMessageKind.Info)
                lock (messages) messages.Add(e.RawMessage);
        };
        return messages;
    }

    [Fact]
    public void Fit_FromCatalog_LogsEpochsThroughMlContextLogAndWritesTempFilesUnderItsTempFilePath()
    {
        using var temp = new TempFolder();
        var ml = new MLContext(seed: 1) { TempFilePath = temp.Path };
        var messages = Listen(ml);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(48, seed: 1));
        var records = new List<EpochRecord>();
        var options = Pipelines.QuickOptions() with { MetricsCallback = records.Add };

        var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames)
            .Append(ml.MulticlassClassification.Trainers.TorchImageClassifier(options, Runtime)).Fit(train);

        Assert.Contains(messages, m => m.StartsWith("training simple_cnn", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("epoch 1/2", StringComparison.Ordinal) && m.Contains("img/s"));
        Assert.Contains(messages, m => m.StartsWith("epoch 2/2", StringComparison.Ordinal) && m.Contains("img/s"));
        Assert.Equal([1, 2], records.Select(r => r.Epoch));
        Assert.All(records, r => Assert.True(r.Images == 48 && r.ImagesPerSecond > 0));
        Assert.NotEmpty(Directory.GetFiles(temp.Path));          // the fitted chain's copy of the ONNX model
        model.Dispose();
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void PlainOverload_NoSeed_TakesTheContextsSeed_AndNamesTheOutputColumns()
    {
        var ml = new MLContext(seed: 42);
        var validation = ImageSetDataView.Create(ml, SyntheticImages.Create(9, seed: 4));

        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(scoreColumnName: "Probabilities",
            predictedLabelColumnName: "Class", validationSet: validation);

        Assert.Equal(42, trainer.Options.Seed);
        Assert.Same(validation, trainer.Options.ValidationSet);
        Assert.Equal(0, new MLContext().MulticlassClassification.Trainers.TorchImageClassifier().Options.Seed);
        Assert.Equal(7, ml.MulticlassClassification.Trainers.TorchImageClassifier(seed: 7).Options.Seed);
    }

    [Fact]
    public void Fit_RenamedOutputColumns_AndAValidationSet()
    {
        var ml = new MLContext(seed: 1);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(48, seed: 1));
        var preprocess = Pipelines.Preprocess(ml, SyntheticImages.ClassNames);
        var validation = preprocess.Fit(train).Transform(ImageSetDataView.Create(ml, SyntheticImages.Create(12, seed: 4)));
        var options = Pipelines.QuickOptions() with { ScoreColumnName = "Probabilities", PredictedLabelColumnName = "Class", ValidationSet = validation };
        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(options, Pipelines.QuickRuntime);

        using var model = preprocess.Append(trainer).Fit(train);
        var scored = model.Transform(train);

        Assert.All(scored.GetColumn<string>("Class"), c => Assert.Contains(c, SyntheticImages.ClassNames));
        Assert.All(scored.GetColumn<float[]>("Probabilities"), p => Assert.Equal(1f, p.Sum(), 4));
        Assert.NotNull(scored.Schema.GetColumnOrNull("ClassKey"));
        Assert.Null(scored.Schema.GetColumnOrNull("Score"));
        Assert.Equal(12, trainer.LastSummary!.ValidationCount);
        Assert.All(trainer.LastSummary.History, h => Assert.NotNull(h.ValidationAccuracy));
    }

    [Fact]
    public void Fit_CancelExecutionOnTheContext_StopsWithinOneStepKeepsACheckpointAndThrows()
    {
        using var checkpoints = new TempFolder();
        var ml = new MLContext(seed: 1);
        var messages = Listen(ml);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(96, seed: 1));
        var options = Pipelines.QuickOptions() with { Epochs = 3, MetricsCallback = r => { if (r.Epoch == 1) CancelExecution(ml); } };
        var trainer = ml.MulticlassClassification.Trainers.TorchImageClassifier(options, Runtime with { CheckpointDirectory = checkpoints.Path });

        var error = Assert.Throws<OperationCanceledException>(() => Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(train));

        Assert.Contains("CancelExecution", error.Message);
        Assert.Contains(checkpoints.Path, error.Message);
        Assert.True(File.Exists(Path.Combine(checkpoints.Path, "checkpoint.bin")));
        // Epoch 2 has 6 steps of 16; the flag is seen after its first step.
        Assert.Contains(messages, m => m.Contains("interrupted at epoch 2, step 2"));
    }

    [Fact]
    public void Reflection_TheMlNetMembersTheTrainerReadsExist()
    {
        var ml = new MLContext(seed: 9) { TempFilePath = "/some/where" };
        var fromCatalog = CallerEnvironment.FromCatalog(ml.MulticlassClassification.Trainers).Verified();

        Assert.Equal(9, fromCatalog.Seed);
        Assert.Equal("/some/where", fromCatalog.TempFilePath);
        Assert.False(fromCatalog.IsCanceled);
        CancelExecution(ml);
        Assert.True(fromCatalog.IsCanceled);
        Assert.True(CallerEnvironment.FromContext(ml).IsCanceled);
        Assert.Null(CallerEnvironment.FromContext(new MLContext()).Seed);
    }

    /// <summary>ML.NET 6 keeps <c>MLContext.CancelExecution()</c> for its own assemblies (AutoML calls it); a caller reaches it the same way.</summary>
    private static void CancelExecution(MLContext ml) =>
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(ml, null);
}

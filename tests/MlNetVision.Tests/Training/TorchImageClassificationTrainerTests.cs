using MlNetVision.Models;
using MlNetVision.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetVision.Data;
using MlNetVision.Training;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Training;

[Trait("Category", "Slow")]
public class TorchImageClassificationTrainerTests
{
    private static (ITransformer Model, TorchImageClassificationTrainer Trainer, IDataView Test) Train(TorchImageClassifierOptions options, int trainCount = 96)
    {
        var ml = new MLContext(seed: 1);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(trainCount, seed: 1));
        var test = ImageSetDataView.Create(ml, SyntheticImages.Create(30, seed: 2));
        var trainer = new TorchImageClassificationTrainer(ml, options, Pipelines.QuickRuntime, TextWriter.Null);
        var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(train);
        return (model, trainer, test);
    }

    [Fact]
    public void Fit_LearnableData_EvaluatesAboveChanceWithHistory()
    {
        var (model, trainer, test) = Train(Pipelines.QuickOptions() with { ValidationFraction = 0.25 });
        using var lifetime = (IDisposable)model;
        var ml = new MLContext();

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test), "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn);

        Assert.True(metrics.MicroAccuracy > 0.9, $"accuracy {metrics.MicroAccuracy}");
        var summary = Assert.IsType<TrainingSummary>(trainer.LastSummary);
        Assert.Equal(2, summary.History.Count);
        Assert.Equal(72, summary.TrainCount);
        Assert.Equal(24, summary.ValidationCount);
        Assert.All(summary.History, h => Assert.NotNull(h.ValidationAccuracy));
        Assert.True(summary.History[^1].TrainLoss < Math.Log(3), "loss should fall below chance level");
    }

    [Fact]
    public void Fit_DropLastBatchAndFinalEpochFraction_CountsOnlyTheImagesRead()
    {
        var (_, trainer, _) = Train(Pipelines.QuickOptions() with { Epochs = 2, BatchSize = 20, DropLastBatch = true, FinalEpochFraction = 0.5 }, trainCount: 90);

        var summary = Assert.IsType<TrainingSummary>(trainer.LastSummary);
        Assert.Equal(2, summary.History.Count);
        Assert.Equal(4 * 20 + 2 * 20, summary.TrainImages);   // 4 full batches of 90 rows, then half of them
        Assert.Equal(summary.TrainImages / summary.TrainSeconds, summary.TrainImagesPerSecond, 6);
    }

    [Fact]
    public void Fit_SameSeed_ExportsIdenticalWeights()
    {
        var (_, first, _) = Train(Pipelines.QuickOptions() with { Epochs = 1 }, trainCount: 48);
        var (_, second, _) = Train(Pipelines.QuickOptions() with { Epochs = 1 }, trainCount: 48);
        var (_, other, _) = Train(Pipelines.QuickOptions() with { Epochs = 1, Seed = 6 }, trainCount: 48);

        Assert.Equal(first.LastOnnxModel, second.LastOnnxModel);
        Assert.NotEqual(first.LastOnnxModel, other.LastOnnxModel);
    }

    [Fact]
    public void Fit_ScoredSavedReloadedAndDisposed_LeavesNoFileInMlNetsTempFolder()
    {
        using var temp = new TempFolder();
        var ml = new MLContext(seed: 1) { TempFilePath = temp.Path };
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(32, seed: 1));
        var trainer = new TorchImageClassificationTrainer(ml, Pipelines.QuickOptions() with { Epochs = 1 }, Pipelines.QuickRuntime, TextWriter.Null);
        var model = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).Fit(train);
        Assert.Equal(3, model.Transform(train).GetColumn<float[]>("Score").First().Length);
        using var zip = new MemoryStream();
        ml.Model.Save(model, train.Schema, zip);
        zip.Position = 0;
        var loaded = ml.Model.Load(zip, out _);
        Assert.NotEmpty(Directory.GetFiles(temp.Path));                     // the loaded ONNX transformers' copies of the model

        model.Dispose();
        ((IDisposable)loaded).Dispose();

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Fit_SavedAndReloaded_PredictsSameClassNames()
    {
        var (model, _, test) = Train(Pipelines.QuickOptions() with { Epochs = 1 });
        using var lifetime = (IDisposable)model;
        var ml = new MLContext();
        using var temp = new TempFolder();
        var path = temp.Combine("model.zip");
        var scored = model.Transform(test);

        ml.Model.Save(model, test.Schema, path);
        var loaded = ml.Model.Load(path, out _);
        using var loadedLifetime = (IDisposable)loaded;
        var again = loaded.Transform(test);

        var before = scored.GetColumn<string>("PredictedLabel").ToList();
        var after = again.GetColumn<string>("PredictedLabel").ToList();
        Assert.Equal(before, after);
        Assert.All(before, p => Assert.Contains(p, SyntheticImages.ClassNames));
        var scores = again.GetColumn<float[]>("Score").First();
        Assert.Equal(3, scores.Length);
        Assert.Equal(1f, scores.Sum(), 4);
    }

    [Fact]
    public void Fit_ResizesInsideForLargerModelInput()
    {
        var (model, trainer, test) = Train(Pipelines.QuickOptions() with { Epochs = 1, ImageSize = 48 }, trainCount: 48);
        using var lifetime = (IDisposable)model;

        Assert.Equal(32, trainer.LastSummary!.PipelineImageSize);
        Assert.Equal(48, trainer.LastSummary.ModelImageSize);
        Assert.Equal(30, model.Transform(test).GetColumn<float[]>("Score").Count());
    }

    [Fact]
    public void GetOutputSchema_AddsScoreAndPredictedLabel()
    {
        var ml = new MLContext();
        var view = ImageSetDataView.Create(ml, SyntheticImages.Create(3, seed: 1));
        var trainer = new TorchImageClassificationTrainer(ml, Pipelines.QuickOptions(), Pipelines.QuickRuntime, TextWriter.Null);

        // SchemaShape.Create is internal to ML.NET; ML.NET's own pipeline checks reach it the same way.
        var create = typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public, [typeof(DataViewSchema)])!;
        var inputShape = (SchemaShape)create.Invoke(null, [view.Schema])!;

        var shape = Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Append(trainer).GetOutputSchema(inputShape);

        Assert.Contains(shape, c => c.Name == "Score" && c.Kind == SchemaShape.Column.VectorKind.Vector);
        Assert.Contains(shape, c => c.Name == "PredictedLabel" && c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is TextDataViewType);
        Assert.Contains(shape, c => c.Name == ClassifierTransformers.PredictedLabelKeyColumn && c.IsKey);
        Assert.Contains(shape, c => c.Name == ClassifierOnnxExporter.LogitsName);
    }

    [Fact]
    public void Fit_ZipContract_SampleStyleClassBindsScoreSlotsAreClassNamesAndEvaluateUsesDefaults()
    {
        var (model, _, test) = Train(Pipelines.QuickOptions() with { Epochs = 1 });
        using var lifetime = (IDisposable)model;
        var ml = new MLContext();
        using var temp = new TempFolder();
        ml.Model.Save(model, test.Schema, temp.Combine("model.zip"));
        var loaded = ml.Model.Load(temp.Combine("model.zip"), out _);
        using var loadedLifetime = (IDisposable)loaded;
        var scored = loaded.Transform(test);

        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        Assert.Equal(SyntheticImages.ClassNames, slots.DenseValues().Select(n => n.ToString()));
        Assert.Equal(TextDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var engine = ml.Model.CreatePredictionEngine<ImageRow, SampleOutput>(loaded);
        var output = engine.Predict(new ImageRow { Label = "red", Image = ImageSetDataView.ToMLImage(SyntheticImages.Create(1, seed: 3), 0) });
        Assert.Contains(output.PredictedLabel, SyntheticImages.ClassNames);
        Assert.Equal(SyntheticImages.ClassNames[Array.IndexOf(output.Score, output.Score.Max())], output.PredictedLabel);

        var byDefaults = ml.MulticlassClassification.Evaluate(scored);
        var byKey = ml.MulticlassClassification.Evaluate(scored, "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn);
        Assert.Equal(byKey.MicroAccuracy, byDefaults.MicroAccuracy);
        Assert.Equal(byKey.LogLoss, byDefaults.LogLoss);
    }

    [Fact]
    public void Fit_ZipPredictedLabelAndScore_AreTheNetworksArgMaxAndSoftmaxOnEveryImage()
    {
        var (model, trainer, test) = Train(Pipelines.QuickOptions() with { Epochs = 1 });
        using var lifetime = (IDisposable)model;
        var scored = model.Transform(test);

        var logits = scored.GetColumn<float[]>(ClassifierOnnxExporter.LogitsName).ToList();
        var scores = scored.GetColumn<float[]>("Score").ToList();
        var labels = scored.GetColumn<string>("PredictedLabel").ToList();

        Assert.Equal(30, labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            int best = Array.IndexOf(logits[i], logits[i].Max());
            Assert.Equal(SyntheticImages.ClassNames[best], labels[i]);
            var max = logits[i].Max();
            var exp = logits[i].Select(l => Math.Exp(l - max)).ToArray();
            for (int c = 0; c < exp.Length; c++) Assert.Equal(exp[c] / exp.Sum(), scores[i][c], 2e-6);   // float32 softmax
        }
    }

    [Fact]
    public void Fit_StringLabel_ThrowsAskingForKey()
    {
        var ml = new MLContext();
        var view = ImageSetDataView.Create(ml, SyntheticImages.Create(3, seed: 1));
        var pixels = ml.Transforms.ExtractPixels("Features", "Image", scaleImage: 1f / 255).Fit(view).Transform(view);
        var trainer = new TorchImageClassificationTrainer(ml, Pipelines.QuickOptions(), Pipelines.QuickRuntime, TextWriter.Null);

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(pixels));

        Assert.Contains("must be a key type", error.Message);
    }

    [Fact]
    public void Constructor_BadOption_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TorchImageClassificationTrainer(new MLContext(), Pipelines.QuickOptions() with { BatchSize = 0 }));

        Assert.Contains("BatchSize", error.Message);
    }

    [Fact]
    public void Fit_Airbench94Options_LearnsAndReportsMonitorAccuracyAndSingleViewModel()
    {
        var ml = new MLContext(seed: 1);
        var train = ImageSetDataView.Create(ml, SyntheticImages.Create(96, seed: 1));
        var test = ImageSetDataView.Create(ml, SyntheticImages.Create(30, seed: 2));
        var preprocess = Pipelines.Preprocess(ml, SyntheticImages.ClassNames);
        var log = new StringWriter();
        var options = Pipelines.QuickOptions("fast_cnn_bf16") with
        {
            Epochs = 3, BatchSize = 32, Optimizer = OptimizerKind.Sgd, Momentum = 0.85, LearningRate = 0.2, WeightDecay = 1e-3,
            BatchNormBiasLearningRateScale = 8, Schedule = LearningRateScheduleKind.Linear, WarmupFraction = 0.2,
            ScheduleStartFactor = 0.2, ScheduleEndFactor = 0.07, LabelSmoothing = 0.2, Augmentation = "flip:mode=alternate,crop:pad=2:mode=reflect",
            LookaheadInterval = 2, ChannelsLast = true, TestTimeAugmentation = TestTimeAugmentationKind.FlipTranslate,
        };
        var trainer = new TorchImageClassificationTrainer(ml, options, Pipelines.QuickRuntime, log) { MonitorData = preprocess.Fit(test).Transform(test) };

        using var model = preprocess.Append(trainer).Fit(train);

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test), "Label", "Score", ClassifierTransformers.PredictedLabelKeyColumn);
        Assert.True(metrics.MicroAccuracy > 0.9, $"accuracy {metrics.MicroAccuracy}");
        Assert.Contains("initialised fast_cnn_bf16's data-dependent layers from 96 training images", log.ToString());
        var history = Assert.IsType<TrainingSummary>(trainer.LastSummary).History;
        Assert.All(history, h => Assert.InRange(h.MonitorAccuracy ?? -1, 0, 1));
        Assert.All(history, h => Assert.True(h.MonitorSeconds > 0, "the monitor's own time is recorded"));
        Assert.NotNull(trainer.LastOnnxModelWithoutTestTimeAugmentation);
        Assert.True(trainer.LastOnnxModelWithoutTestTimeAugmentation!.Length < trainer.LastOnnxModel!.Length, "the single-view graph has fewer nodes");
    }

    private sealed class ImageRow
    {
        public string Label { get; set; } = "";

        [ImageType(32, 32)]
        public MLImage? Image { get; set; }
    }

    /// <summary>The output class ML.NET's samples and Model Builder write.</summary>
    private sealed class SampleOutput
    {
        public string PredictedLabel { get; set; } = "";

        public float[] Score { get; set; } = [];
    }
}

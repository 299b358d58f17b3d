using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;

namespace MlNetVision.Tests.Training;

/// <summary>The trainer reads the same images the same way from memory, from a disk cache and from any IDataView.</summary>
[Trait("Category", "Slow")]
public class ImageSourceTrainingTests
{
    private static byte[] TrainOnnx(IDataView data, TrainingRuntime runtime, TorchImageClassifierOptions? options = null)
    {
        var trainer = new TorchImageClassificationTrainer(new MLContext(1), options ?? Pipelines.QuickOptions() with { Epochs = 1, Augmentation = "flip,crop:pad=2" },
            runtime, TextWriter.Null);
        using var model = trainer.Fit(data) as IDisposable;
        return trainer.LastOnnxModel!;
    }

    [Fact]
    public void Fit_DiskCacheMemoryAndPipeline_TrainIdenticalWeights()
    {
        using var folder = new TempFolder();
        var set = SyntheticImages.Create(40, seed: 3);
        var ml = new MLContext(1);
        var cachePath = folder.Combine("set.u8");
        File.WriteAllBytes(cachePath, set.Pixels);
        using var onDisk = PixelCache.OverTemporaryFile(cachePath, "disk", set.Height, set.Width, set.ClassNames, set.Labels.ToArray());

        var fromMemory = TrainOnnx(LabeledImagesDataView.Create(ml, set, 1f / 255), Pipelines.QuickRuntime);
        var fromDisk = TrainOnnx(LabeledImagesDataView.Create(ml, onDisk, 1f / 255), Pipelines.QuickRuntime);
        var diskIntoMemory = TrainOnnx(LabeledImagesDataView.Create(ml, onDisk, 1f / 255), Pipelines.QuickRuntime with { ImagesInMemory = true });
        var view = ImageSetDataView.Create(ml, set);
        var throughPipeline = TrainOnnx(Pipelines.Preprocess(ml, set.ClassNames).Fit(view).Transform(view), Pipelines.QuickRuntime);

        Assert.Equal(fromMemory, fromDisk);
        Assert.Equal(fromMemory, diskIntoMemory);
        Assert.Equal(fromMemory, throughPipeline);
    }

    [Fact]
    public void Fit_ArbitraryDataView_LeavesNoTemporaryPixelFile()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "mlnetvision-pixels-*").Length;
        var ml = new MLContext(1);
        var view = ImageSetDataView.Create(ml, SyntheticImages.Create(24, seed: 4));

        TrainOnnx(Pipelines.Preprocess(ml, SyntheticImages.ClassNames).Fit(view).Transform(view), Pipelines.QuickRuntime);

        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "mlnetvision-pixels-*").Length);
    }

    [Fact]
    public void Fit_ValidationData_IsUsedInsteadOfASplit()
    {
        var ml = new MLContext(1);
        var trainer = new TorchImageClassificationTrainer(ml, Pipelines.QuickOptions() with { Epochs = 1, ValidationFraction = 0.5 }, Pipelines.QuickRuntime, TextWriter.Null)
        {
            ValidationData = LabeledImagesDataView.Create(ml, SyntheticImages.Create(9, seed: 6), 1f / 255),
        };

        using var model = trainer.Fit(LabeledImagesDataView.Create(ml, SyntheticImages.Create(30, seed: 5), 1f / 255)) as IDisposable;

        Assert.Equal(30, trainer.LastSummary!.TrainCount);
        Assert.Equal(9, trainer.LastSummary.ValidationCount);
        Assert.NotNull(trainer.LastSummary.History[0].ValidationAccuracy);
    }

    [Fact]
    public void Fit_NormalizationFromData_MeasuresAndRecordsIt()
    {
        var ml = new MLContext(1);
        var set = SyntheticImages.Create(30, seed: 5);
        var trainer = new TorchImageClassificationTrainer(ml, Pipelines.QuickOptions() with { Epochs = 1, NormalizationFromData = true }, Pipelines.QuickRuntime, TextWriter.Null);

        using var model = trainer.Fit(LabeledImagesDataView.Create(ml, set, 1f / 255)) as IDisposable;

        var expected = NormalizationStatistics.Measure(set);
        Assert.Equal(expected.Mean, trainer.LastSummary!.Normalization!.Mean);
        Assert.NotEqual(0.5f, expected.Mean[0], 2);
    }
}

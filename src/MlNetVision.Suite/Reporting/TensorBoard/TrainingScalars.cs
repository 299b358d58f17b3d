using MlNetVision.Training;

namespace MlNetVision.Suite.Reporting.TensorBoard;

/// <summary>
/// The scalars a run logs to TensorBoard and their tags: per optimizer step (x = global step) the loss and learning rate;
/// per epoch (x = epoch) the training loss and accuracy, validation and monitored test accuracy when measured, and
/// images/s, and a histogram of every trainable parameter (<c>weights/&lt;name&gt;</c>); at the end (x = the last epoch) the test metrics.
/// <see cref="Attach(TrainingRuntime)"/> and <see cref="Attach(TorchImageClassifierOptions)"/> hook it to a trainer.
/// </summary>
/// <param name="writer">The event file written to.</param>
public sealed class TrainingScalars(TensorBoardWriter writer)
{
    /// <summary>Per step: the step's training loss.</summary>
    public const string StepLoss = "train/loss";
    /// <summary>Per step: the learning rate.</summary>
    public const string StepLearningRate = "train/learning_rate";
    /// <summary>Per epoch: mean training loss.</summary>
    public const string EpochLoss = "epoch/train_loss";
    /// <summary>Per epoch: training accuracy.</summary>
    public const string EpochAccuracy = "epoch/train_accuracy";
    /// <summary>Per epoch: validation accuracy (with a validation split).</summary>
    public const string EpochValidationAccuracy = "epoch/validation_accuracy";
    /// <summary>Per epoch: test accuracy (with <c>--monitor-test</c>).</summary>
    public const string EpochMonitorAccuracy = "epoch/monitor_accuracy";
    /// <summary>Per epoch: training images per second.</summary>
    public const string EpochImagesPerSecond = "epoch/images_per_second";
    /// <summary>At the end: test accuracy of the final model.</summary>
    public const string TestAccuracy = "test/accuracy";
    /// <summary>At the end: test macro F1 of the final model.</summary>
    public const string TestMacroF1 = "test/macro_f1";

    /// <summary>Per epoch: the prefix of each parameter's histogram tag, followed by its name.</summary>
    public const string WeightsPrefix = "weights/";

    /// <summary><paramref name="runtime"/> with the per-step scalars and per-epoch weight histograms logged here too.</summary>
    public TrainingRuntime Attach(TrainingRuntime runtime) => runtime with
    {
        StepCallback = runtime.StepCallback + OnStep,
        HistogramCallback = runtime.HistogramCallback + OnHistograms,
    };

    /// <summary><paramref name="options"/> with the per-epoch scalars logged here too (<see cref="TorchImageClassifierOptions.MetricsCallback"/>).</summary>
    public TorchImageClassifierOptions Attach(TorchImageClassifierOptions options) => options with { MetricsCallback = options.MetricsCallback + OnEpoch };

    /// <summary>Logs one optimizer step.</summary>
    public void OnStep(StepRecord step)
    {
        writer.AddScalar(StepLoss, step.Loss, step.Step);
        writer.AddScalar(StepLearningRate, step.LearningRate, step.Step);
    }

    /// <summary>Logs one epoch.</summary>
    public void OnEpoch(EpochRecord epoch)
    {
        writer.AddScalar(EpochLoss, epoch.TrainLoss, epoch.Epoch);
        writer.AddScalar(EpochAccuracy, epoch.TrainAccuracy, epoch.Epoch);
        if (epoch.ValidationAccuracy is { } validation) writer.AddScalar(EpochValidationAccuracy, validation, epoch.Epoch);
        if (epoch.MonitorAccuracy is { } monitor) writer.AddScalar(EpochMonitorAccuracy, monitor, epoch.Epoch);
        writer.AddScalar(EpochImagesPerSecond, epoch.ImagesPerSecond, epoch.Epoch);
    }

    private void OnHistograms(int epoch, IReadOnlyList<ParameterHistogram> histograms)
    {
        foreach (var h in histograms)
            writer.AddHistogram(WeightsPrefix + h.Name, epoch, h.Min, h.Max, h.Count, h.Sum, h.SumSquares, h.BucketLimits, h.BucketCounts);
    }

    /// <summary>Logs the final model's test metrics at <paramref name="epoch"/>.</summary>
    public void OnTest(MetricsInfo metrics, int epoch)
    {
        writer.AddScalar(TestAccuracy, metrics.Accuracy, epoch);
        writer.AddScalar(TestMacroF1, metrics.MacroF1, epoch);
    }
}

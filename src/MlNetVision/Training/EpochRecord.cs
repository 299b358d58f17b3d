namespace MlNetVision.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's steps.</param>
/// <param name="TrainAccuracy">Fraction of training images classified correctly while training (dropout on).</param>
/// <param name="ValidationAccuracy">Accuracy on the held-out rows, or null without a validation split.</param>
/// <param name="Seconds">Wall time of the epoch's training steps.</param>
/// <param name="LearningRate">Learning rate at the epoch's last step.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double? ValidationAccuracy, double Seconds, double LearningRate)
{
    /// <summary>Accuracy on the monitored data (<see cref="TorchImageClassificationTrainer.MonitorData"/>, e.g. the test set;
    /// one view, eval mode) after the epoch, or null when nothing is monitored. Reported only, never used to choose a model.</summary>
    public double? MonitorAccuracy { get; init; }

    /// <summary>Wall time of the monitor's evaluation after the epoch (not part of <see cref="Seconds"/>), or null when nothing is monitored.</summary>
    public double? MonitorSeconds { get; init; }

    /// <summary>Training images the epoch's steps read (0 in records written before this field existed).</summary>
    public long Images { get; init; }

    /// <summary>Training images per second of the epoch's steps.</summary>
    public double ImagesPerSecond => Seconds > 0 ? Images / Seconds : 0;
}

/// <summary>The outcome of a training run.</summary>
/// <param name="History">One record per epoch.</param>
/// <param name="TrainSeconds">Wall time of all training steps (validation excluded).</param>
/// <param name="TrainImages">Training images processed (rows × completed epochs).</param>
/// <param name="TrainCount">Rows trained on.</param>
/// <param name="ValidationCount">Rows held out.</param>
/// <param name="ParameterCount">Trainable parameters of the model.</param>
/// <param name="ClassNames">Class names by index.</param>
/// <param name="PipelineImageSize">Side of the images the pipeline delivered.</param>
/// <param name="ModelImageSize">Side of the images the model saw.</param>
/// <param name="Pretrained">The weights training started from (a path or a description), or null for random initialisation.</param>
/// <param name="FeatureSeconds">With a frozen backbone: seconds of the one feature pass (included in <paramref name="TrainSeconds"/>).</param>
public sealed record TrainingSummary(
    IReadOnlyList<EpochRecord> History, double TrainSeconds, long TrainImages, int TrainCount, int ValidationCount,
    long ParameterCount, IReadOnlyList<string> ClassNames, int PipelineImageSize, int ModelImageSize,
    string? Pretrained = null, double? FeatureSeconds = null)
{
    /// <summary>True when cancellation stopped training early.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The epoch with the best validation accuracy, when there was a validation split.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>The global step the run resumed from (0 for a fresh run).</summary>
    public long ResumedFromStep { get; init; }

    /// <summary>The normalisation the model was trained and exported with (measured on the training images when the
    /// recipe says <see cref="TorchImageClassifierOptions.NormalizationFromData"/>); null when not applicable.</summary>
    public Models.InputNormalization? Normalization { get; init; }

    /// <summary>Whether the training images were held in memory (false: read from a disk cache per batch).</summary>
    public bool ImagesInMemory { get; init; }

    /// <summary>Training throughput.</summary>
    public double TrainImagesPerSecond => TrainSeconds > 0 ? TrainImages / TrainSeconds : 0;
}

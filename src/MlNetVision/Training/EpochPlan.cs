using MlNetVision.Infrastructure;

namespace MlNetVision.Training;

/// <summary>
/// How many steps each epoch of a run takes and how many rows each step reads, from the training-set size and the
/// options' batch size, <see cref="TorchImageClassifierOptions.DropLastBatch"/> and
/// <see cref="TorchImageClassifierOptions.FinalEpochFraction"/>.
/// </summary>
internal sealed record EpochPlan
{
    /// <summary>Plans <paramref name="epochs"/> epochs over <paramref name="trainCount"/> rows; throws when not one step fits.</summary>
    public EpochPlan(int trainCount, int batchSize, int epochs, bool dropLastBatch = false, double finalEpochFraction = 1)
    {
        if (trainCount < 1) throw new MlNetVisionException("There are no training rows.");
        if (dropLastBatch && trainCount < batchSize)
            throw new MlNetVisionException($"DropLastBatch needs at least one full batch, but there are {trainCount} training rows for a batch size of {batchSize}.");
        (TrainCount, BatchSize, Epochs) = (trainCount, batchSize, epochs);
        StepsPerEpoch = dropLastBatch ? trainCount / batchSize : (trainCount + batchSize - 1) / batchSize;
        StepsInFinalEpoch = Math.Max(1, (int)Math.Ceiling(StepsPerEpoch * finalEpochFraction - 1e-9));
    }

    /// <summary>The plan <paramref name="options"/> asks for over <paramref name="trainCount"/> rows.</summary>
    public static EpochPlan For(TorchImageClassifierOptions options, int trainCount) =>
        new(trainCount, options.BatchSize, options.Epochs, options.DropLastBatch, options.FinalEpochFraction);

    /// <summary>Training rows.</summary>
    public int TrainCount { get; }

    /// <summary>Rows per full step.</summary>
    public int BatchSize { get; }

    /// <summary>Epochs, the last one possibly shortened.</summary>
    public int Epochs { get; }

    /// <summary>Steps of every epoch but the last.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>Steps of the last epoch.</summary>
    public int StepsInFinalEpoch { get; }

    /// <summary>Steps of the whole run.</summary>
    public long TotalSteps => (long)StepsPerEpoch * (Epochs - 1) + StepsInFinalEpoch;

    /// <summary>Steps of the 1-based <paramref name="epoch"/>.</summary>
    public int StepsIn(int epoch) => epoch < Epochs ? StepsPerEpoch : StepsInFinalEpoch;

    /// <summary>Rows read by the whole 1-based <paramref name="epoch"/>.</summary>
    public long RowsInEpoch(int epoch)
    {
        int steps = StepsIn(epoch);
        return (long)(steps - 1) * BatchSize + RowsIn(steps - 1);
    }

    /// <summary>Rows read by the 0-based <paramref name="stepInEpoch"/>: a full batch, or the remainder at the end of an epoch.</summary>
    public int RowsIn(int stepInEpoch) => Math.Min(BatchSize, TrainCount - stepInEpoch * BatchSize);
}

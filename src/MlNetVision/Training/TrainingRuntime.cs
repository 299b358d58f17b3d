using System.Text.Json.Serialization;

namespace MlNetVision.Training;

/// <summary>
/// How a training run executes, as opposed to what it computes (<see cref="TorchImageClassifierOptions"/>, the recipe):
/// threads, device, checkpoint folder and interval, resume, progress output. None of these changes the trained weights
/// (with one thread; with several, libtorch's reductions may round differently), so none is part of a checkpoint's
/// fingerprint: a run resumes under other threads, another checkpoint interval or without a progress bar.
/// </summary>
public sealed record TrainingRuntime
{
    /// <summary>The defaults: one thread per physical core, CPU, no checkpoints, a progress bar.</summary>
    public static TrainingRuntime Default { get; } = new();

    /// <summary>libtorch intra-op threads (and ONNX Runtime's when the experiment runner evaluates); 0 = one per physical core.</summary>
    public int Threads { get; init; }

    /// <summary><c>cpu</c> (default) or <c>cuda</c> (needs a CUDA build, <c>-p:TorchBackend=cuda</c>, and a GPU).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Folder for checkpoints (<c>checkpoint.bin</c>, <c>best-weights.bin</c>); null = no checkpoints.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Minutes between mid-epoch checkpoints (one is always written after each epoch); 0 = epoch ends only.</summary>
    public double CheckpointIntervalMinutes { get; init; } = 10;

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> when there is one (its recipe must match).</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Read the training (and validation) images into memory before training instead of from a disk cache per batch:
    /// a little faster when they fit, and what an <see cref="Data.ImageSet"/> always does. Default false: memory stays flat.
    /// </summary>
    public bool ImagesInMemory { get; init; }

    /// <summary>Show a live progress bar (plain log lines when output is not a terminal).</summary>
    public bool ShowProgress { get; init; } = true;

    /// <summary>
    /// Called after every optimizer step (on the training thread, so keep it short) with the step's loss and learning rate,
    /// e.g. to write a TensorBoard log. Not written to reports.
    /// </summary>
    [JsonIgnore]
    public Action<StepRecord>? StepCallback { get; init; }

    /// <summary>
    /// Called after every epoch (before <see cref="TorchImageClassifierOptions.MetricsCallback"/>) with the 1-based epoch and a
    /// histogram of every trainable parameter (for TensorBoard's weight histograms); computing them costs a pass over the
    /// weights, so only when set. For the suite.
    /// </summary>
    [JsonIgnore]
    internal Action<int, IReadOnlyList<ParameterHistogram>>? HistogramCallback { get; init; }

    /// <summary>Checks every value; throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Require(CheckpointIntervalMinutes >= 0, $"CheckpointIntervalMinutes must be non-negative (got {CheckpointIntervalMinutes}).");
        Require(!Resume || CheckpointDirectory is not null, "Resume needs a CheckpointDirectory.");
        Require(Threads >= 0, $"Threads must be 0 (one per physical core) or positive (got {Threads}).");
        Require(Device is "cpu" or "cuda", $"Device must be 'cpu' or 'cuda' (got '{Device}').");
    }
}

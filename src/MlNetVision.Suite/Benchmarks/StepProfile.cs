namespace MlNetVision.Suite.Benchmarks;

/// <summary>Where a training step's time goes: the median of each part over the timed steps, in ms.</summary>
public sealed record StepProfile
{
    /// <summary>The kind of line: <c>profile</c>.</summary>
    public string Mode => "profile";

    /// <summary>Registered model name.</summary>
    public required string Model { get; init; }

    /// <summary>Input side the model sees.</summary>
    public required int ImageSize { get; init; }

    /// <summary>Images per step.</summary>
    public required int Batch { get; init; }

    /// <summary>libtorch intra-op threads.</summary>
    public required int Threads { get; init; }

    /// <summary>Timed steps.</summary>
    public required int Steps { get; init; }

    /// <summary>Untimed steps first.</summary>
    public required int Warmup { get; init; }

    /// <summary>Channels-last weights and inputs.</summary>
    public required bool ChannelsLast { get; init; }

    /// <summary>bfloat16 weights and inputs (BatchNorm float32).</summary>
    public required bool Bf16 { get; init; }

    /// <summary>The whole step, from picking the rows to leaving its dispose scope.</summary>
    public required double StepMsMedian { get; init; }

    /// <summary>Making the batch: row indices, uint8 rows → float, resize to the model's size, normalise (the trainer's <c>TensorBatches.Batch</c>).</summary>
    public required double DataMsMedian { get; init; }

    /// <summary>The model's forward pass.</summary>
    public required double ForwardMsMedian { get; init; }

    /// <summary>Cross-entropy and reading the loss value.</summary>
    public required double LossMsMedian { get; init; }

    /// <summary>The backward pass.</summary>
    public required double BackwardMsMedian { get; init; }

    /// <summary><c>zero_grad</c> and the Adam step.</summary>
    public required double OptimizerMsMedian { get; init; }

    /// <summary>The rest: the trainer's accuracy bookkeeping, dispose-scope and other managed overhead.</summary>
    public required double OtherMsMedian { get; init; }
}

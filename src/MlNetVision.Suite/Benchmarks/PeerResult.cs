using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// The one JSON line the PyTorch peer's <c>throughput</c> mode prints (field names as in
/// <c>../shared/peers/README.md</c>); unknown fields are ignored.
/// </summary>
public sealed record PeerResult
{
    /// <summary>Who measured: <c>pytorch</c>.</summary>
    public string? Peer { get; init; }

    /// <summary>PyTorch version.</summary>
    public string? Torch { get; init; }

    /// <summary>The peer's mode: <c>throughput</c>.</summary>
    public string? Mode { get; init; }

    /// <summary>The peer's model name.</summary>
    [JsonRequired]
    public string Model { get; init; } = "";

    /// <summary>Input side.</summary>
    [JsonRequired]
    public int ImageSize { get; init; }

    /// <summary>Images per step.</summary>
    public int Batch { get; init; }

    /// <summary>torch.get_num_threads().</summary>
    public int Threads { get; init; }

    /// <summary>Training images per second.</summary>
    [JsonRequired]
    public double TrainImagesPerS { get; init; }

    /// <summary>Inference images per second (no_grad).</summary>
    [JsonRequired]
    public double EvalImagesPerS { get; init; }

    /// <summary>Median training step, ms.</summary>
    public double TrainStepMsMedian { get; init; }

    /// <summary>Median inference step, ms.</summary>
    public double EvalStepMsMedian { get; init; }

    /// <summary>Timed steps.</summary>
    public int Steps { get; init; }

    /// <summary>Untimed steps.</summary>
    public int Warmup { get; init; }

    /// <summary>Channels-last model and inputs.</summary>
    public bool ChannelsLast { get; init; }

    /// <summary>CPU autocast to bfloat16.</summary>
    public bool Bf16 { get; init; }

    /// <summary>Parameters.</summary>
    public long Params { get; init; }

    /// <summary>Loss of the last step.</summary>
    public double FinalLoss { get; init; }

    /// <summary>The BLAS libraries the peer process had mapped (e.g. <c>libopenblasp-r0.3.21.so</c>).</summary>
    public string? Blas { get; init; }

    /// <summary>
    /// Reads the peer's standard output: its last line that starts with <c>{</c> is the result. Returns the result and
    /// that line as printed.
    /// </summary>
    /// <exception cref="FormatException">No JSON line, malformed JSON, or a required field missing.</exception>
    public static (PeerResult Result, string Line) Parse(string standardOutput)
    {
        var line = standardOutput.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (line is null) throw new FormatException("The peer printed no JSON line.");
        try
        {
            var result = JsonSerializer.Deserialize<PeerResult>(line, BenchmarkJson.Options)
                         ?? throw new FormatException($"The peer printed null: {line}");
            return (result, line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The peer's JSON line cannot be read ({e.Message}): {line}", e);
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using MlNetVision.Benchmarks;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>bench</c>: training and inference speed on random batches, one JSON line per case.</summary>
internal static class BenchCommand
{
    /// <summary>The default cases.</summary>
    public static readonly IReadOnlyList<(string Model, int Size)> DefaultCases =
        [("simple_cnn", 32), ("simple_vit", 32)];

    public static Command Create(TextWriter output)
    {
        var model = new Option<string?>("--model") { Description = "Only this registered model (default: every default case)." };
        var size = new Option<int?>("--image-size") { Description = "Input side in pixels (default: the case's)." };
        var batch = new Option<int>("--batch") { Description = "Images per step.", DefaultValueFactory = _ => 64 };
        var steps = new Option<int>("--steps") { Description = "Timed steps per case.", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0 = one per core).", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Measure training steps/s and inference images/s on random batches; prints one JSON line per case.")
        {
            model, size, batch, steps, warmup, threads,
        };
        command.SetAction(parse =>
        {
            var cases = parse.GetValue(model) is { } name
                ? [(name, parse.GetValue(size) ?? MlNetVision.Models.ModelRegistry.Get(name).DefaultImageSize)]
                : DefaultCases.Select(c => (c.Model, parse.GetValue(size) ?? c.Size)).ToList();
            foreach (var (m, s) in cases)
            {
                var result = TrainStepBenchmark.Run(new BenchmarkCase(m, s, parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(warmup), parse.GetValue(threads)));
                output.WriteLine(JsonSerializer.Serialize(result));
            }
            return 0;
        });
        return command;
    }
}
